// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl chkpnt CTID [--suspend|--resume|--dump|--kill] [--dumpfile FILE]
 * vzctl restore CTID [--undump|--resume|--kill] [--dumpfile FILE]
 *
 * Checkpointing needed OpenVZ's own kernel (CPT); a stock kernel has
 * nothing to freeze a container into a dump file and bring it back. Both
 * commands take OpenVZ's options, so that the programs that run them
 * (libvirt's suspend and resume are chkpnt --suspend and --resume) get a
 * clear refusal with OpenVZ's exit code for a failed checkpoint or
 * restore, and change nothing.
 */
#include "ct.h"
#include "err.h"
#include "vzctl.h"
#include "vzexit.h"

#define CPT_OPTS_COMMON \
	{ "resume", '\0', POPT_ARG_NONE, NULL, 0, \
	  "OpenVZ: resume a suspended container", NULL }, \
	{ "kill", '\0', POPT_ARG_NONE, NULL, 0, \
	  "OpenVZ: kill a suspended container", NULL }, \
	{ "dumpfile", '\0', POPT_ARG_STRING, NULL, 0, \
	  "OpenVZ: the dump file", "FILE" }, \
	{ "ctx", '\0', POPT_ARG_STRING, NULL, 0, \
	  "OpenVZ: the checkpointing context", "ID" }, \
	{ "skip_arpdetect", '\0', POPT_ARG_NONE, NULL, 0, \
	  "OpenVZ: no ARP detection", NULL }, \
	POPT_AUTOHELP POPT_TABLEEND

static int cpt_refuse(int argc, const char **argv, const struct poptOption *opts, int code,
		      const char *what)
{
	struct vz_err err;
	unsigned int ctid;

	if (!cmd_parse(argc, argv, opts, NULL, NULL, &ctid, &err))
		vz_failp(&err, code, "%s is not supported on a stock kernel: container %u is "
			 "left as it was", what, ctid);
	return cmd_fail(&err);
}

int vzctl_chkpnt(int argc, const char **argv)
{
	const struct poptOption opts[] = {
		{ "suspend", '\0', POPT_ARG_NONE, NULL, 0,
		  "OpenVZ: freeze the container", NULL },
		{ "dump", '\0', POPT_ARG_NONE, NULL, 0,
		  "OpenVZ: dump a suspended container", NULL },
		CPT_OPTS_COMMON
	};

	return cpt_refuse(argc, argv, opts, VZ_CHKPNT_ERROR, "checkpointing");
}

int vzctl_restore(int argc, const char **argv)
{
	const struct poptOption opts[] = {
		{ "undump", '\0', POPT_ARG_NONE, NULL, 0,
		  "OpenVZ: load a dump file", NULL },
		CPT_OPTS_COMMON
	};

	return cpt_refuse(argc, argv, opts, VZ_RESTORE_ERROR, "restoring a checkpoint");
}
