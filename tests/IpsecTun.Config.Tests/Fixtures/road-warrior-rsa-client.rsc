# Road Warrior setup using IKEv2 with RSA authentication: RouterOS client configuration,
# with dynamic source NAT rule generation.
/certificate import file-name=cert_export_RouterOS_client.p12 passphrase=1234567890
/certificate print
/ip ipsec profile
add name=ike2-rw
/ip ipsec proposal
add name=ike2-rw pfs-group=none
/ip ipsec policy group
add name=ike2-rw
/ip ipsec policy
add group=ike2-rw proposal=ike2-rw template=yes
/ip ipsec mode-config
add name=ike2-rw responder=no
/ip ipsec peer
add address=2.2.2.2/32 exchange-mode=ike2 name=ike2-rw-client
/ip ipsec identity
add auth-method=digital-signature certificate=cert_export_RouterOS_client.p12_0 generate-policy=port-strict mode-config=ike2-rw peer=ike2-rw-client policy-template-group=ike2-rw
/ip ipsec
active-peers print
installed-sa print
/ip firewall address-list
add address=192.168.88.0/24 list=local
/ip ipsec mode-config
set [ find name=ike2-rw ] src-address-list=local
