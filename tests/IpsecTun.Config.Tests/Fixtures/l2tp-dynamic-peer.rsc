# The dynamic peer the manual's L2TP server shows in print, written as the add that would create it:
# a pre-6.43 peer, with exchange-mode=main-l2tp, a mode RouterOS keeps for itself.
/ip ipsec peer
add address=0.0.0.0/0 local-address=0.0.0.0 passive=yes port=500 auth-method=pre-shared-key secret="123" generate-policy=port-strict exchange-mode=main-l2tp send-initial-contact=yes nat-traversal=yes hash-algorithm=sha1 enc-algorithm=3des,aes-128,aes-192,aes-256 dh-group=modp1024 lifetime=1d dpd-interval=2m dpd-maximum-failures=5
