# RoadWarrior client with NAT: dynamic source NAT for the local network.
/ip firewall address-list add address=192.168.88.0/24 list=local-RW
/ip ipsec mode-config set [ find name="request-only" ] src-address-list=local-RW
