#ifndef PLANCASCADE_CLIBGIT2_SHIM_H
#define PLANCASCADE_CLIBGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* pipe2 is a GNU extension Swift's Glibc module does not declare: a pipe whose two ends are
   close-on-exec from the start, so no process another thread starts inherits them. */
static inline int plancascade_pipe_cloexec(int fds[2]) {
    return (int)syscall(SYS_pipe2, fds, O_CLOEXEC);
}

/* git_libgit2_opts is variadic and cannot be called from Swift: these wrappers can. */

static inline int plancascade_git_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

static inline int plancascade_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

static inline int plancascade_git_enable_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

static inline int plancascade_git_enable_fsync_gitdir(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

/* file and path may each be NULL: the CA certificates TLS verification trusts (process-global). */
static inline int plancascade_git_set_ssl_cert_locations(const char *file, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}

#endif
