# Manually specifying local-address parameter under Peer configuration: the same routing table with multiple IP addresses.
/ip ipsec peer
add address=10.155.130.136/32 local-address=172.22.2.3 secret=test
/ip ipsec policy
add sa-src-address=172.22.2.3 src-address=192.168.1.0/24 dst-address=172.16.0.0/24 sa-dst-address=10.155.130.136 tunnel=yes
/ip firewall nat
add action=accept chain=srcnat src-address=192.168.1.0/24 dst-address=172.16.0.0/24 place-before=0
/ip firewall nat
add action=accept chain=srcnat protocol=udp src-port=500,4500 place-before=0
