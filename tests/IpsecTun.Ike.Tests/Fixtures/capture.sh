#!/bin/sh
# Regenerates the strongSwan fixtures (run as root; needs strongSwan 5.9, tcpdump and tshark).
# Two charons in two network namespaces negotiate one IKE SA per run; the IKE datagrams and the
# SK_* keys charon logs at "ike = 4" end up in $OUT. The tests only read the committed results.
# Usage: capture.sh NAME IKE_PROPOSAL ESP_PROPOSAL FRAGMENT_SIZE FRAGMENTATION [psk|ecdsa]
# With ecdsa the peers authenticate with P-256 certificates from a throwaway CA (RFC 7427 signatures).
# The committed fixtures:
#   capture.sh cbc-sha256-modp2048 aes128-sha256-modp2048 aes128-sha256 1280 yes
#   capture.sh gcm16-prfsha256-ecp256-fragmented aes128gcm16-prfsha256-ecp256 aes128gcm16 300 yes
#   capture.sh ecdsa-p256-gcm16 aes128gcm16-prfsha256-ecp256 aes128gcm16 1280 yes ecdsa
set -eu
NAME=$1 IKE=$2 ESP=$3 FRAGSIZE=$4 FRAG=$5 AUTH=${6:-psk}
OUT=$(cd "$(dirname "$0")" && pwd)/$NAME
WORK=$(mktemp -d /tmp/ikecap.XXXXXX)
L=ikwcapL R=ikwcapR
cleanup() {
  for p in $(cat "$WORK"/*.pid 2>/dev/null); do kill "$p" 2>/dev/null || true; done
  sleep 1
  ip netns del $L 2>/dev/null || true
  ip netns del $R 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
ip netns add $L; ip netns add $R
ip link add ikwcvL type veth peer name ikwcvR
ip link set ikwcvL netns $L; ip link set ikwcvR netns $R
ip -n $L addr add 10.99.0.1/24 dev ikwcvL; ip -n $L link set ikwcvL up; ip -n $L link set lo up
ip -n $R addr add 10.99.0.2/24 dev ikwcvR; ip -n $R link set ikwcvR up; ip -n $R link set lo up
ip -n $R addr add 10.2.0.1/32 dev lo

for side in L R; do
  mkdir -p "$WORK/$side"
  cat > "$WORK/$side/strongswan.conf" <<CONF
charon {
  load = random nonce openssl aes sha1 sha2 hmac gcm gmp kdf x509 pem pkcs1 pkcs8 pubkey constraints revocation kernel-libipsec kernel-netlink socket-default vici attr
  fragment_size = $FRAGSIZE
  plugins {
    vici {
      socket = unix://$WORK/$side/charon.vici
    }
  }
  filelog {
    stderr {
      default = 1
      ike = 4
    }
  }
}
CONF
done
if [ "$AUTH" = ecdsa ]; then
  # A throwaway CA and one P-256 certificate per peer, subject DN as identity.
  openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/ca.key"
  openssl req -x509 -new -key "$WORK/ca.key" -subj "/CN=Fixture CA" -days 3650 -out "$WORK/ca.pem"
  for side in L R; do
    cn=$([ $side = L ] && echo left.example.org || echo right.example.org)
    mkdir -p "$WORK/$side/x509" "$WORK/$side/x509ca" "$WORK/$side/private"
    openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/$side/private/key.pem"
    openssl req -new -key "$WORK/$side/private/key.pem" -subj "/CN=$cn" -out "$WORK/$side.csr"
    openssl x509 -req -in "$WORK/$side.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 3650 -out "$WORK/$side/x509/cert.pem"
    cp "$WORK/ca.pem" "$WORK/$side/x509ca/ca.pem"
  done
  LOCAL_L="      auth = pubkey
      certs = cert.pem"
  REMOTE_L="      auth = pubkey
      id = \"CN=right.example.org\""
  LOCAL_R="$LOCAL_L"
  REMOTE_R="      auth = pubkey
      id = \"CN=left.example.org\""
else
  LOCAL_L="      auth = psk
      id = left@example.org"
  REMOTE_L="      auth = psk
      id = right.example.org"
  LOCAL_R="$REMOTE_L"
  REMOTE_R="$LOCAL_L"
fi
cat > "$WORK/L/swanctl.conf" <<CONF
connections {
  cap {
    remote_addrs = 10.99.0.2
    local_addrs = 10.99.0.1
    version = 2
    proposals = $IKE
    fragmentation = $FRAG
    encap = yes
    vips = 0.0.0.0
    local {
$LOCAL_L
    }
    remote {
$REMOTE_L
    }
    children {
      c {
        remote_ts = 10.2.0.0/24
        esp_proposals = $ESP
        mode = tunnel
      }
    }
  }
}
secrets {
  ike {
    secret = fixture-psk-not-secret
    id-1 = left@example.org
    id-2 = right.example.org
  }
}
CONF
cat > "$WORK/R/swanctl.conf" <<CONF
connections {
  cap {
    local_addrs = 10.99.0.2
    version = 2
    proposals = $IKE
    fragmentation = $FRAG
    encap = yes
    pools = p
    local {
$LOCAL_R
    }
    remote {
$REMOTE_R
    }
    children {
      c {
        local_ts = 10.2.0.0/24
        esp_proposals = $ESP
        mode = tunnel
      }
    }
  }
}
pools {
  p {
    addrs = 10.3.0.0/28
    dns = 10.2.0.53
  }
}
secrets {
  ike {
    secret = fixture-psk-not-secret
    id-1 = left@example.org
    id-2 = right.example.org
  }
}
CONF
for side in L R; do
  ns=$(eval echo \$$side)
  ip netns exec $ns unshare -m sh -c "mount -t tmpfs none /run && STRONGSWAN_CONF=$WORK/$side/strongswan.conf exec /usr/lib/ipsec/charon" \
    > "$WORK/$side.log" 2>&1 &
  echo $! > "$WORK/$side.pid"
done
ip netns exec $L tcpdump -i ikwcvL -U -w "$WORK/cap.pcap" udp port 500 or udp port 4500 > /dev/null 2>&1 &
echo $! > "$WORK/tcpdump.pid"
sleep 3
for side in L R; do swanctl --load-all --uri "unix://$WORK/$side/charon.vici" --file "$WORK/$side/swanctl.conf" > /dev/null 2>&1; done
swanctl --initiate --child c --uri "unix://$WORK/L/charon.vici" > "$WORK/initiate.log" 2>&1 || true
sleep 1
# A CREATE_CHILD_SA exchange (Child SA rekey) and an INFORMATIONAL one (delete) under the same keys.
swanctl --rekey --child c --uri "unix://$WORK/L/charon.vici" >> "$WORK/initiate.log" 2>&1 || true
sleep 1
swanctl --terminate --ike cap --uri "unix://$WORK/L/charon.vici" >> "$WORK/initiate.log" 2>&1 || true
sleep 1
kill "$(cat "$WORK/tcpdump.pid")"; sleep 1
mkdir -p "$OUT"
# One line per datagram: source port, destination port, UDP payload in hex.
tshark -r "$WORK/cap.pcap" -T fields -e udp.srcport -e udp.dstport -e udp.payload > "$OUT/datagrams.txt"
# The initiator's SK_* keys and g^ir (name, hex), from its hex dumps after "Sk_xx secret => N bytes" and
# "shared Diffie Hellman secret => N bytes".
awk '/Sk_[a-z]+ secret =>/ { match($0, /Sk_[a-z]+/); name = substr($0, RSTART, RLENGTH); keys[name] = ""; cur = name; next }
     /shared Diffie Hellman secret =>/ { keys["g_ir"] = ""; cur = "g_ir"; next }
     cur != "" && /\[IKE\] +[0-9]+: / { for (i = 3; i <= 18 && $i ~ /^[0-9A-F][0-9A-F]$/; i++) keys[cur] = keys[cur] tolower($i); next }
     { cur = "" }
     END { for (k in keys) print k, keys[k] }' "$WORK/L.log" | sort > "$OUT/keys.txt"
if [ "$AUTH" = ecdsa ]; then
  # The throwaway responder credentials too, so that a test can answer the initiator as strongSwan's responder did.
  cp "$WORK/ca.pem" "$OUT/ca.pem"
  cp "$WORK/R/x509/cert.pem" "$OUT/responder-cert.pem"
  cp "$WORK/R/private/key.pem" "$OUT/responder-key.pem"
fi
cat "$WORK/initiate.log"
