# Site to Site IPsec (IKEv1) tunnel: Site 1 configuration, with the NAT and Fasttrack bypass of Office 1.
/ip ipsec profile
add dh-group=modp2048 enc-algorithm=aes-128 name=ike1-site2
/ip ipsec proposal
add enc-algorithms=aes-128-cbc name=ike1-site2 pfs-group=modp2048
/ip ipsec peer
add address=192.168.80.1/32 name=ike1-site2 profile=ike1-site2
/ip ipsec identity
add peer=ike1-site2 secret=thisisnotasecurepsk
/ip ipsec policy
add src-address=10.1.202.0/24 src-port=any dst-address=10.1.101.0/24 dst-port=any tunnel=yes action=encrypt proposal=ike1-site2 peer=ike1-site2
/ip ipsec
active-peers print
installed-sa print
/ip firewall nat
add chain=srcnat action=accept place-before=0 src-address=10.1.202.0/24 dst-address=10.1.101.0/24
# The manual breaks these two lines without the console's continuation backslash; it is added here.
/ip firewall filter
add chain=forward action=accept place-before=1 \
src-address=10.1.101.0/24 dst-address=10.1.202.0/24 connection-state=established,related
add chain=forward action=accept place-before=1 \
src-address=10.1.202.0/24 dst-address=10.1.101.0/24 connection-state=established,related
/ip firewall raw
add action=notrack chain=prerouting src-address=10.1.101.0/24 dst-address=10.1.202.0/24
add action=notrack chain=prerouting src-address=10.1.202.0/24 dst-address=10.1.101.0/24
