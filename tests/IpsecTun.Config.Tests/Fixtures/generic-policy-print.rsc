# The manual's print of the generic discard policy, written as the add that would create it:
# manual-sa is no property (print shows it; the manual's table does not have it).
/ip ipsec policy
add src-address=1.1.1.1/32 src-port=1701 dst-address=0.0.0.0/0 dst-port=any protocol=udp action=discard level=unique ipsec-protocols=esp tunnel=yes sa-src-address=1.1.1.1 sa-dst-address=0.0.0.0 proposal=default manual-sa=none
