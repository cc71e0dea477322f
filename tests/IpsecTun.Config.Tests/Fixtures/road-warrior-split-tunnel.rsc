# The manual's optional split tunnel configuration, as written: it edits "rw-conf", a mode-config
# that no example creates (the server's entry is ike2-conf).
/ip ipsec mode-config
add address-pool=ike2-pool address-prefix-length=32 name=ike2-conf
/ip ipsec mode-conf
set [find name="rw-conf"] split-include=10.5.8.0/24
/ip ipsec mode-conf
set [find name="rw-conf"] system-dns=no static-dns=10.5.8.1
