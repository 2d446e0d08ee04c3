// SPDX-License-Identifier: GPL-2.0
/*
 * OpenVZ's beancounter consistency rules, as a table (see cfgcheck.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cfgcheck.h"
#include "conf.h"
#include "disk.h"

#define U		VZBC_UNLIMITED
#define BIT(slot)	(1u << (slot))

/* ------------------------------------------------------------ values */

const char *vz_cc_key(unsigned int slot)
{
	if (slot == VZ_CC_DISKSPACE)
		return "DISKSPACE";
	if (slot == VZ_CC_DISKINODES)
		return "DISKINODES";
	return ubc_by_id(slot)->key;
}

static const char *slot_name(unsigned int slot)
{
	if (slot >= VZBC_RESOURCES)
		return slot == VZ_CC_DISKSPACE ? "diskspace" : "diskinodes";
	return ubc_by_id(slot)->name;
}

/* disk values: UINT64_MAX for unlimited in disk.c, VZBC_UNLIMITED here */
static uint64_t from_disk(uint64_t v)
{
	return v == UINT64_MAX ? U : v;
}

static uint64_t to_disk(uint64_t v)
{
	return ubc_unlimited(v) ? UINT64_MAX : v;
}

void vz_cc_format(const struct vz_cc_conf *c, unsigned int slot, char *buf, size_t len)
{
	if (slot >= VZBC_RESOURCES)
		disk_format(to_disk(c->barrier[slot]), to_disk(c->limit[slot]), buf, len);
	else
		ubc_format(c->barrier[slot], c->limit[slot], buf, len);
}

static int read_disk(const char *path, struct vz_cc_conf *c, unsigned int slot)
{
	char val[128];
	uint64_t s, h;
	int ret;

	ret = conf_get(path, vz_cc_key(slot), val, sizeof(val));
	if (ret == -ENOENT || (!ret && !val[0]))
		return 0;
	if (!ret)
		ret = disk_parse(val, slot == VZ_CC_DISKSPACE, &s, &h);
	if (ret && ret != -EDOM)
		return -EINVAL;
	c->barrier[slot] = from_disk(s);
	c->limit[slot] = from_disk(h);
	c->have |= BIT(slot);
	return 0;
}

int vz_cc_read(const char *path, struct vz_cc_conf *c, char *bad, size_t len)
{
	const struct ubc_res *badres = NULL;
	struct ubc_set s;
	char val[128];
	uint64_t b, l;
	unsigned int i;
	int ret;

	memset(c, 0, sizeof(*c));
	ret = ubc_read_conf(path, &s, &badres);
	if (ret) {
		if (badres)
			snprintf(bad, len, "%s", badres->key);
		return ret;
	}
	for (i = 0; i < VZBC_RESOURCES; i++) {
		c->barrier[i] = s.barrier[i];
		c->limit[i] = s.limit[i];
	}
	c->have = s.have;
	for (i = VZ_CC_DISKSPACE; i < VZ_CC_SLOTS; i++)
		if (read_disk(path, c, i)) {
			snprintf(bad, len, "%s", vz_cc_key(i));
			return -EINVAL;
		}
	if (!conf_get(path, "AVNUMPROC", val, sizeof(val)) && val[0]) {
		if (ubc_parse(ubc_by_id(VZBC_NUMPROC), val, &b, &l) == -EINVAL) {
			snprintf(bad, len, "AVNUMPROC");
			return -EINVAL;
		}
		c->avnumproc = b;
	}
	return 0;
}

bool vz_cc_vswap(const struct vz_cc_conf *c)
{
	return (c->have & BIT(VZBC_PHYSPAGES)) && !ubc_unlimited(c->limit[VZBC_PHYSPAGES]);
}

/* ------------------------------------------------------------ arithmetic */

static uint64_t sat_add(uint64_t a, uint64_t b)
{
	return ubc_unlimited(a) || ubc_unlimited(b) || a + b >= U ? U : a + b;
}

static uint64_t sat_mul(uint64_t a, uint64_t k)
{
	return ubc_unlimited(a) || (a && k > U / a) ? U : a * k;
}

static uint64_t bar(const struct vz_cc_conf *c, unsigned int slot)
{
	return c->barrier[slot];
}

/* limit - barrier; none when the limit is below, unbounded when unlimited */
static uint64_t gap(const struct vz_cc_conf *c, unsigned int slot)
{
	if (ubc_unlimited(c->limit[slot]))
		return U;
	return c->limit[slot] > c->barrier[slot] ? c->limit[slot] - c->barrier[slot] : 0;
}

static uint64_t avnumproc(const struct vz_cc_conf *c)
{
	return c->avnumproc ? c->avnumproc : bar(c, VZBC_NUMPROC) / 2;
}

/* the bounds of the formulas */
typedef uint64_t bound_fn(const struct vz_cc_conf *c, const struct vz_hostmem *h);

static uint64_t dcache_for_files(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)h;
	return sat_mul(bar(c, VZBC_NUMFILE), 384);
}

static uint64_t kmem_for_procs(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)h;
	return sat_add(sat_mul(avnumproc(c), 40 * 1024), c->limit[VZBC_DCACHESIZE]);
}

static uint64_t privvm_for_guar(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)h;
	return bar(c, VZBC_VMGUARPAGES);
}

/* 2.5 KiB of buffer per socket */
static uint64_t tcp_per_sock(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)h;
	return sat_mul(bar(c, VZBC_NUMTCPSOCK), 2560);
}

static uint64_t other_per_sock(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)h;
	return sat_mul(bar(c, VZBC_NUMOTHERSOCK), 2560);
}

static uint64_t k64(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)c;
	(void)h;
	return 64 * 1024;
}

static uint64_t k32(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)c;
	(void)h;
	return 32 * 1024;
}

static uint64_t k129(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)c;
	(void)h;
	return 129 * 1024;
}

static uint64_t files_for_procs(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	uint64_t procs = sat_mul(avnumproc(c), 32);
	uint64_t socks = sat_add(sat_add(bar(c, VZBC_NUMTCPSOCK), bar(c, VZBC_NUMOTHERSOCK)),
				 bar(c, VZBC_NUMPTY));

	(void)h;
	return procs > socks ? procs : socks;
}

static uint64_t host_ram(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)c;
	return (uint64_t)(h->ram / h->page);
}

static uint64_t host_swap(const struct vz_cc_conf *c, const struct vz_hostmem *h)
{
	(void)c;
	return (uint64_t)(h->swap / h->page);
}

/* ------------------------------------------------------------ the rules */

enum kind {
	EQUAL,		/* barrier == limit */
	ORDER,		/* barrier <= limit */
	UNLIM_LIMIT,	/* limit unlimited */
	ZERO_BARRIER,	/* barrier 0 */
	MIN_BARRIER,	/* barrier >= bound (and >= soft, a recommendation) */
	MIN_LIMIT,	/* limit >= bound */
	MIN_GAP,	/* limit - barrier >= bound */
	MAX_LIMIT,	/* limit <= bound */
};

struct rule {
	enum kind kind;
	unsigned int slot;
	enum vz_cc_severity severity;
	bound_fn *bound;
	bound_fn *soft;
	bool optional;		/* an unset value is not an error */
};

#define E VZ_CC_ERROR
#define W VZ_CC_WARNING

/* the classic set's rules, in OpenVZ's order: primary, secondary and
 * auxiliary resources' barriers and limits, then the formulas */
static const struct rule classic_rules[] = {
	{ .kind = EQUAL, .slot = VZBC_NUMPROC, .severity = E },
	{ .kind = EQUAL, .slot = VZBC_NUMTCPSOCK, .severity = E },
	{ .kind = EQUAL, .slot = VZBC_NUMOTHERSOCK, .severity = E },
	{ .kind = UNLIM_LIMIT, .slot = VZBC_VMGUARPAGES, .severity = E },
	{ .kind = ORDER, .slot = VZBC_KMEMSIZE, .severity = E },
	{ .kind = ORDER, .slot = VZBC_TCPSNDBUF, .severity = E },
	{ .kind = ORDER, .slot = VZBC_TCPRCVBUF, .severity = E },
	{ .kind = ORDER, .slot = VZBC_OTHERSOCKBUF, .severity = E },
	{ .kind = ORDER, .slot = VZBC_DGRAMRCVBUF, .severity = E },
	{ .kind = UNLIM_LIMIT, .slot = VZBC_OOMGUARPAGES, .severity = E },
	{ .kind = ORDER, .slot = VZBC_PRIVVMPAGES, .severity = E },
	{ .kind = ORDER, .slot = VZBC_LOCKEDPAGES, .severity = E },
	{ .kind = EQUAL, .slot = VZBC_SHMPAGES, .severity = E },
	{ .kind = ZERO_BARRIER, .slot = VZBC_PHYSPAGES, .severity = E },
	{ .kind = UNLIM_LIMIT, .slot = VZBC_PHYSPAGES, .severity = E },
	{ .kind = EQUAL, .slot = VZBC_NUMFILE, .severity = E },
	{ .kind = ORDER, .slot = VZBC_NUMFLOCK, .severity = E },
	{ .kind = EQUAL, .slot = VZBC_NUMPTY, .severity = E },
	{ .kind = EQUAL, .slot = VZBC_NUMSIGINFO, .severity = E },
	{ .kind = ORDER, .slot = VZBC_DCACHESIZE, .severity = E },
	{ .kind = EQUAL, .slot = VZBC_NUMIPTENT, .severity = E },
	{ .kind = ORDER, .slot = VZ_CC_DISKSPACE, .severity = E, .optional = true },
	{ .kind = ORDER, .slot = VZ_CC_DISKINODES, .severity = E, .optional = true },

	{ .kind = MIN_LIMIT, .slot = VZBC_DCACHESIZE, .severity = W, .bound = dcache_for_files },
	{ .kind = MIN_BARRIER, .slot = VZBC_KMEMSIZE, .severity = E, .bound = kmem_for_procs },
	{ .kind = MIN_BARRIER, .slot = VZBC_PRIVVMPAGES, .severity = W, .bound = privvm_for_guar },
	{ .kind = MIN_GAP, .slot = VZBC_TCPSNDBUF, .severity = E, .bound = tcp_per_sock },
	{ .kind = MIN_GAP, .slot = VZBC_OTHERSOCKBUF, .severity = E, .bound = other_per_sock },
	{ .kind = MIN_GAP, .slot = VZBC_TCPRCVBUF, .severity = W, .bound = tcp_per_sock },
	{ .kind = MIN_BARRIER, .slot = VZBC_TCPRCVBUF, .severity = W, .bound = k64 },
	{ .kind = MIN_BARRIER, .slot = VZBC_TCPSNDBUF, .severity = W, .bound = k64 },
	{ .kind = MIN_BARRIER, .slot = VZBC_DGRAMRCVBUF, .severity = W, .bound = k32, .soft = k129 },
	{ .kind = MIN_BARRIER, .slot = VZBC_OTHERSOCKBUF, .severity = W, .bound = k32, .soft = k129 },
	{ .kind = MIN_BARRIER, .slot = VZBC_NUMFILE, .severity = W, .bound = files_for_procs },
};

/* what the classic rules need before anything is checked */
static const unsigned int classic_required[] = {
	VZBC_NUMPROC, VZBC_NUMTCPSOCK, VZBC_NUMOTHERSOCK, VZBC_OOMGUARPAGES,
	VZBC_VMGUARPAGES, VZBC_KMEMSIZE, VZBC_TCPSNDBUF, VZBC_TCPRCVBUF,
	VZBC_OTHERSOCKBUF, VZBC_DGRAMRCVBUF, VZBC_PRIVVMPAGES, VZBC_NUMFILE,
	VZBC_DCACHESIZE, VZBC_PHYSPAGES, VZBC_NUMPTY,
};

/* a vswap config: RAM and swap with a zero barrier, within the host */
static const struct rule vswap_rules[] = {
	{ .kind = ZERO_BARRIER, .slot = VZBC_PHYSPAGES, .severity = E },
	{ .kind = MAX_LIMIT, .slot = VZBC_PHYSPAGES, .severity = W, .bound = host_ram },
	{ .kind = ZERO_BARRIER, .slot = VZBC_SWAPPAGES, .severity = E },
	{ .kind = MAX_LIMIT, .slot = VZBC_SWAPPAGES, .severity = W, .bound = host_swap },
};

#undef E
#undef W

struct run {
	struct vz_cc_conf *c;
	const struct vz_hostmem *h;
	vz_cc_report_fn *fn;
	void *arg;
	unsigned int left;
};

static void report(struct run *r, struct vz_cc_finding *f)
{
	struct vz_cc_conf *c = r->c;

	if (f->repairable && r->fn(f, r->arg)) {
		c->barrier[f->slot] = f->barrier;
		c->limit[f->slot] = f->limit;
		c->changed |= BIT(f->slot);
		return;
	}
	if (!f->repairable)
		r->fn(f, r->arg);
	if (f->severity != VZ_CC_RECOMMENDATION)
		r->left++;
}

static void not_found(struct run *r, unsigned int slot)
{
	struct vz_cc_finding f = { .severity = VZ_CC_ERROR, .slot = slot };

	snprintf(f.text, sizeof(f.text), "parameter %s not found", slot_name(slot));
	report(r, &f);
}

/* "name: what [bound] (currently b:l)" */
static void say(struct vz_cc_finding *f, const struct vz_cc_conf *c, const char *what,
		const uint64_t *bound)
{
	char now[64], b[32] = "";

	vz_cc_format(c, f->slot, now, sizeof(now));
	if (bound && ubc_unlimited(*bound))
		snprintf(b, sizeof(b), " unlimited");
	else if (bound)
		snprintf(b, sizeof(b), " %llu", (unsigned long long)*bound);
	snprintf(f->text, sizeof(f->text), "%s: %s%s (currently %s)", slot_name(f->slot), what, b,
		 now);
}

/* one rule: a finding (with its repair) when the value breaks it */
static bool breaks(const struct rule *ru, const struct vz_cc_conf *c, const struct vz_hostmem *h,
		   struct vz_cc_finding *f)
{
	uint64_t b = c->barrier[ru->slot], l = c->limit[ru->slot], v;

	*f = (struct vz_cc_finding){ .severity = ru->severity, .repairable = true,
				     .slot = ru->slot, .barrier = b, .limit = l };
	switch (ru->kind) {
	case EQUAL:
		if (b == l)
			return false;
		f->barrier = f->limit = b > l ? b : l;
		say(f, c, "barrier and limit should be equal", NULL);
		return true;
	case ORDER:
		if (b <= l)
			return false;
		f->limit = b;
		say(f, c, "barrier should not be above limit", NULL);
		return true;
	case UNLIM_LIMIT:
		if (ubc_unlimited(l))
			return false;
		f->limit = U;
		say(f, c, "limit should be unlimited", NULL);
		return true;
	case ZERO_BARRIER:
		if (!b)
			return false;
		f->barrier = 0;
		say(f, c, "barrier should be 0", NULL);
		return true;
	case MIN_BARRIER:
		v = ru->bound(c, h);
		if (b >= v && (!ru->soft || b >= (v = ru->soft(c, h))))
			return false;
		if (b >= ru->bound(c, h))
			f->severity = VZ_CC_RECOMMENDATION;
		f->barrier = v;
		f->limit = sat_add(l, v - b);
		say(f, c, "barrier should be at least", &v);
		return true;
	case MIN_LIMIT:
		v = ru->bound(c, h);
		if (l >= v)
			return false;
		f->limit = v;
		say(f, c, "limit should be at least", &v);
		return true;
	case MIN_GAP:
		v = ru->bound(c, h);
		if (gap(c, ru->slot) >= v)
			return false;
		f->limit = sat_add(b, v);
		say(f, c, "limit - barrier should be at least", &v);
		return true;
	case MAX_LIMIT:
		v = ru->bound(c, h);
		if (l <= v)
			return false;
		f->limit = v;
		say(f, c, "limit should not exceed the host's", &v);
		return true;
	}
	return false;
}

static void apply(struct run *r, const struct rule *rules, size_t n)
{
	struct vz_cc_finding f;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!(r->c->have & BIT(rules[i].slot))) {
			/* said once for the rules of one value */
			if (!rules[i].optional && (!i || rules[i - 1].slot != rules[i].slot))
				not_found(r, rules[i].slot);
			continue;
		}
		if (breaks(&rules[i], r->c, r->h, &f))
			report(r, &f);
	}
}

unsigned int vz_cc_check(struct vz_cc_conf *c, bool vswap, const struct vz_hostmem *h,
			 vz_cc_report_fn *fn, void *arg)
{
	struct run r = { c, h, fn, arg, 0 };
	struct vz_cc_finding f;
	unsigned int i, missing = 0;

	if (vswap) {
		apply(&r, vswap_rules, sizeof(vswap_rules) / sizeof(vswap_rules[0]));
		/* and no barrier above its limit, whatever else the config sets */
		for (i = 0; i < VZ_CC_SLOTS; i++) {
			struct rule order = { .kind = ORDER, .slot = i, .severity = VZ_CC_ERROR };

			if ((c->have & BIT(i)) && breaks(&order, c, h, &f))
				report(&r, &f);
		}
		return r.left;
	}
	for (i = 0; i < sizeof(classic_required) / sizeof(classic_required[0]); i++)
		if (!(c->have & BIT(classic_required[i]))) {
			not_found(&r, classic_required[i]);
			missing++;
		}
	if (!missing)
		apply(&r, classic_rules, sizeof(classic_rules) / sizeof(classic_rules[0]));
	return r.left;
}
