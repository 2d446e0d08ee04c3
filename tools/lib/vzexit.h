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
#define VZ_VE_RUNNING			32
#define VZ_STOP_ERROR			33
#define VZ_CANT_ADDIP			34	/* an address could not be set up */
#define VZ_ENVCREATE_ERROR		7	/* the container could not start */
#define VZ_COMMAND_EXECUTION_ERROR	8	/* exec: the command failed */
#define VZ_LOCKED			9	/* another vzctl holds the container */
#define VZ_CHKPNT_ERROR			16	/* checkpointing failed */
#define VZ_RESTORE_ERROR		17	/* restoring a checkpoint failed */
#define VZ_FS_NOT_MOUNTED		40
#define VZ_FS_MOUNTED			41
#define VZ_FS_NOPRVT			43	/* no private area */
#define VZ_FS_PRVT_AREA_EXIST		44
#define VZ_FS_NEW_VE_PRVT		48	/* cannot create the private area */
#define VZ_FS_CANTMOUNT			50
#define VZ_FS_CANTUMOUNT		51
#define VZ_FS_DEL_PRVT			52
#define VZ_BADIP			71	/* a malformed address */
#define VZ_IP_INUSE			78	/* another container owns the address */
#define VZ_ACTIONSCRIPT_ERROR		79	/* an action script failed */
#define VZ_CP_CONFIG			82	/* cannot copy the sample config */
#define VZ_IP_NA			89	/* the address is in use on the wire */
#define VZ_PKGSET_NOT_FOUND		91	/* no such OS template */
#define VZ_NETDEV_ERROR			104	/* --netdev_add/--netdev_del failed */
#define VZ_VE_START_DISABLED		105	/* DISABLED="yes", no --force */
#define VZ_VETH_ERROR			130	/* a veth interface could not be set up */

/* Map a negative errno from libvzbc to the exit code above that fits. */
int vz_exit_code(int err);

#endif /* VZEXIT_H */
