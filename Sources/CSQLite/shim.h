#ifndef CASECONSULTANT_CSQLITE_SHIM_H
#define CASECONSULTANT_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import; Swift passes this instead so SQLite
// copies bound text and blobs before the Swift buffer goes away.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
