# The manual's GRE policy matcher rule, with its typo src=address= for src-address=.
/ip firewall filter
add chain=input comment="ipsec policy matcher" in-interface=WAN ipsec-policy=in,ipsec protocol=gre src=address=192.168.33.1
add action=drop chain=input comment="drop all" in-interface=WAN log=yes
