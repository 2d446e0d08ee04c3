// SPDX-License-Identifier: GPL-2.0
/*
 * Capabilities of a container's root (see caps.h).
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>

#include "caps.h"
#include "util.h"
#include "vzenv.h"

/* Capability names as OpenVZ's CAPABILITY key spells them, by number */
static const char *const cap_names[] = {
	[CAP_CHOWN] = "CHOWN", [CAP_DAC_OVERRIDE] = "DAC_OVERRIDE",
	[CAP_DAC_READ_SEARCH] = "DAC_READ_SEARCH", [CAP_FOWNER] = "FOWNER",
	[CAP_FSETID] = "FSETID", [CAP_KILL] = "KILL", [CAP_SETGID] = "SETGID",
	[CAP_SETUID] = "SETUID", [CAP_SETPCAP] = "SETPCAP",
	[CAP_LINUX_IMMUTABLE] = "LINUX_IMMUTABLE", [CAP_NET_BIND_SERVICE] = "NET_BIND_SERVICE",
	[CAP_NET_BROADCAST] = "NET_BROADCAST", [CAP_NET_ADMIN] = "NET_ADMIN",
	[CAP_NET_RAW] = "NET_RAW", [CAP_IPC_LOCK] = "IPC_LOCK", [CAP_IPC_OWNER] = "IPC_OWNER",
	[CAP_SYS_MODULE] = "SYS_MODULE", [CAP_SYS_RAWIO] = "SYS_RAWIO",
	[CAP_SYS_CHROOT] = "SYS_CHROOT", [CAP_SYS_PTRACE] = "SYS_PTRACE",
	[CAP_SYS_PACCT] = "SYS_PACCT", [CAP_SYS_ADMIN] = "SYS_ADMIN",
	[CAP_SYS_BOOT] = "SYS_BOOT", [CAP_SYS_NICE] = "SYS_NICE",
	[CAP_SYS_RESOURCE] = "SYS_RESOURCE", [CAP_SYS_TIME] = "SYS_TIME",
	[CAP_SYS_TTY_CONFIG] = "SYS_TTY_CONFIG", [CAP_MKNOD] = "MKNOD", [CAP_LEASE] = "LEASE",
	[CAP_AUDIT_WRITE] = "AUDIT_WRITE", [CAP_AUDIT_CONTROL] = "AUDIT_CONTROL",
	[CAP_SETFCAP] = "SETFCAP", [CAP_MAC_OVERRIDE] = "MAC_OVERRIDE",
	[CAP_MAC_ADMIN] = "MAC_ADMIN", [CAP_SYSLOG] = "SYSLOG",
	[CAP_WAKE_ALARM] = "WAKE_ALARM", [CAP_BLOCK_SUSPEND] = "BLOCK_SUSPEND",
	[CAP_AUDIT_READ] = "AUDIT_READ", [CAP_PERFMON] = "PERFMON", [CAP_BPF] = "BPF",
	[CAP_CHECKPOINT_RESTORE] = "CHECKPOINT_RESTORE",
};

#define CAP_COUNT	VZ_ARRAY_SIZE(cap_names)
#define CAP_BIT(c)	(1ULL << (c))

/* Capabilities a container's root does not get by default (OpenVZ's set:
 * everything but module loading, raw I/O and setting the clock, and the
 * capabilities that came after it); CAPABILITY="NAME:on|off ..." adds to
 * or takes from it. */
static const uint64_t ct_dropped_caps =
	CAP_BIT(CAP_SYS_MODULE) | CAP_BIT(CAP_SYS_RAWIO) | CAP_BIT(CAP_SYS_TIME) |
	CAP_BIT(CAP_MAC_OVERRIDE) | CAP_BIT(CAP_MAC_ADMIN) | CAP_BIT(CAP_SYSLOG) |
	CAP_BIT(CAP_WAKE_ALARM) | CAP_BIT(CAP_BLOCK_SUSPEND) | CAP_BIT(CAP_AUDIT_CONTROL) |
	CAP_BIT(CAP_AUDIT_READ) | CAP_BIT(CAP_PERFMON) | CAP_BIT(CAP_BPF) |
	CAP_BIT(CAP_CHECKPOINT_RESTORE);

int vz_cap_parse(const char *spec, uint64_t *on, uint64_t *off)
{
	char buf[1024], *tok, *save, *colon;
	unsigned int c;

	*on = *off = 0;
	if (snprintf(buf, sizeof(buf), "%s", spec) >= (int)sizeof(buf))
		return -EINVAL;
	for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		colon = strchr(tok, ':');
		if (!colon)
			return -EINVAL;
		*colon++ = '\0';
		if (!strncasecmp(tok, "CAP_", 4))
			tok += 4;
		for (c = 0; c < CAP_COUNT && strcasecmp(tok, cap_names[c]); c++)
			;
		if (c == CAP_COUNT)
			return -EINVAL;
		if (!strcmp(colon, "on")) {
			*on |= CAP_BIT(c);
			*off &= ~CAP_BIT(c);
		} else if (!strcmp(colon, "off")) {
			*off |= CAP_BIT(c);
			*on &= ~CAP_BIT(c);
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

void vz_cap_format(uint64_t on, uint64_t off, char *buf, size_t len)
{
	size_t n = 0;
	unsigned int c;

	buf[0] = '\0';
	for (c = 0; c < CAP_COUNT; c++)
		if ((on | off) & CAP_BIT(c))
			n += snprintf(buf + n, n < len ? len - n : 0, "%s%s:%s", n ? " " : "",
				      cap_names[c], on & CAP_BIT(c) ? "on" : "off");
}

int vz_cap_merge(const char *cur, const char *given, char *buf, size_t len)
{
	uint64_t on, off, gon, goff;

	if (vz_cap_parse(cur, &on, &off) || vz_cap_parse(given, &gon, &goff))
		return -EINVAL;
	on = (on & ~goff) | gon;
	off = (off & ~gon) | goff;
	vz_cap_format(on, off, buf, len);
	return 0;
}

/* the bounding set of a container with CAPABILITY spec */
static int caps_of(const char *spec, uint64_t *keep)
{
	uint64_t on, off;

	if (vz_cap_parse(spec, &on, &off))
		return -EINVAL;
	*keep = ~((ct_dropped_caps | off) & ~on);
	return 0;
}

int vz_ct_caps(const struct vzenv *env, uint64_t *keep)
{
	char spec[1024];

	if (vzenv_get(env, "CAPABILITY", spec, sizeof(spec)))
		return -EINVAL;
	return caps_of(spec, keep);
}

bool vz_cap_keeps(const char *spec, unsigned int cap)
{
	uint64_t keep;

	return cap < 64 && !caps_of(spec, &keep) && (keep & CAP_BIT(cap));
}

int vz_drop_caps(uint64_t keep)
{
	unsigned int c;

	for (c = 0; c < 64; c++)
		if (!(keep & CAP_BIT(c)) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) && errno != EINVAL)
			return -errno;
	return 0;
}
