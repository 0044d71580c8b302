"""
Seeds a stopped Samba AD domain controller with many users in one transaction, straight into its
sam.ldb (through Samba's own module stack, so every object is as valid as one added over LDAP).
Over LDAPS each add costs ~24 ms and grows with the domain; this costs a fraction. Used by
bench/directory.ts only.

"batch_mode" is what `samba-tool domain join` and provision use: without it every add runs in a
sub-transaction that copies each index list it touches (objectClass=user, objectCategory, the OU's
one-level index, ...), so an add costs O(accounts so far) and 20,000 adds took more than 50 minutes
on a loaded machine; with it, seeding is linear (about 2 ms of CPU an account). A failed add then
poisons the whole transaction, which is what we want here anyway.

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
db = SamDB(
    url=lp.samdb_url(),
    session_info=system_session(),
    lp=lp,
    options=["batch_mode:1", "transaction_index_cache_size:200003"],
)
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
        if (i + 1) % 5000 == 0:
            print("seeded %d" % (i + 1), file=sys.stderr, flush=True)
    db.transaction_commit()
except Exception:
    db.transaction_cancel()
    raise
print(count)
