# Troubleshooting: IPsec debug logging, a negated topic in a menu ipsectun does not import.
/system logging add topics=ipsec,!debug
