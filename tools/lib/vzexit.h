/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzctl's exit codes. The numbers are OpenVZ's, so scripts and panels that
 * test them keep working; only the ones vzbc's tools use are listed.
 */
#ifndef VZEXIT_H
#define VZEXIT_H

#define VZ_SUCCESS			0
#define VZ_SETUBC_ERROR			1	/* the module refused the limits */
#define VZ_SYSTEM_ERROR			3
#define VZ_BAD_KERNEL			5	/* module missing or wrong ABI */
#define VZ_NO_ACCES			12	/* permission denied */
#define VZ_NOVECONFIG			14	/* no CTID.conf */
#define VZ_INVALID_PARAMETER_SYNTAX	20
#define VZ_INVALID_PARAMETER_VALUE	21
#define VZ_NOTENOUGHPARAMS		27
#define VZ_VE_NOT_RUNNING		31

/* Map a negative errno from libvzbc to the exit code above that fits. */
int vz_exit_code(int err);

#endif /* VZEXIT_H */
