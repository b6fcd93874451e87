/* The version of isms, as --version and every machine output give it. */
#ifndef ISMS_VERSION_H
#define ISMS_VERSION_H

#define ISMS_VERSION "0.1.0"

#endif
