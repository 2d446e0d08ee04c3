/* SPDX-License-Identifier: GPL-2.0 */
/*
 * OpenVZ's action scripts. On the host, for the mount actions (premount,
 * mount, umount, postumount): VZ_CONF_DIR/vps.ACTION for every container,
 * then VZ_CONF_DIR/CTID.ACTION, with VEID, VE_CONFFILE, VE_ROOT and
 * VE_PRIVATE in their environment. Inside the container, by its /bin/sh:
 * CTID.start once it has started, CTID.stop before it stops.
 * Each: 0 when there is none or it succeeds, else -1 with err filled
 * (VZ_ACTIONSCRIPT_ERROR).
 */
#ifndef VZ_SCRIPTS_H
#define VZ_SCRIPTS_H

struct vzenv;
struct vz_err;

int vz_host_scripts(const struct vzenv *env, const char *action, struct vz_err *err);
int vz_inner_script(const struct vzenv *env, const char *action, struct vz_err *err);

#endif /* VZ_SCRIPTS_H */
