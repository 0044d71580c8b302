"""
Seeds a stopped Samba AD domain controller with many users in one transaction, straight into its
sam.ldb (through Samba's own module stack, so every object is as valid as one added over LDAP).
Over LDAPS each add costs ~24 ms; this costs a fraction. Used by bench/directory.ts only.

usage: /usr/bin/python3 seed-samba-users.py SMB_CONF OU_DN COUNT FIRST_NUMBER JSON_NAMES
"""
import json
import sys

from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

smb_conf, ou, count, first, names_file = sys.argv[1:6]
lp = LoadParm()
lp.load(smb_conf)
db = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
names = json.load(open(names_file, encoding="utf-8"))
db.transaction_start()
try:
    db.add({"dn": ou, "objectClass": ["top", "organizationalUnit"]})
    for i in range(int(count)):
        given, family, sam = names[i]
        number = str(int(first) + i)
        db.add(
            {
                "dn": "CN=%s %s,%s" % (given, family, ou),
                "objectClass": ["top", "person", "organizationalPerson", "user"],
                "cn": "%s %s" % (given, family),
                "givenName": given,
                "sn": family,
                "displayName": "%s %s" % (given, family),
                "sAMAccountName": sam,
                "employeeID": number,
                "title": "Adviseur",
                "userAccountControl": "514",
            }
        )
    db.transaction_commit()
except Exception:
    db.transaction_cancel()
    raise
print(count)
