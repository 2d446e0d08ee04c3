/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vzbc: user beancounters for stock Linux kernels.
 *
 * The ABI between vzbc.ko and its tools. Everything crosses /dev/vzctl as
 * ioctls on fixed-size structs made of fixed-width types, so one layout
 * serves 64-bit and compat callers alike.
 *
 * Rules every command follows:
 *  - Only CAP_SYS_ADMIN in the initial user namespace may issue any ioctl
 *    on /dev/vzctl; anyone else gets EPERM.
 *  - A command number the module does not know gives ENOTTY. A known
 *    command issued with the wrong size or direction gives EINVAL.
 *  - Fields named reserved*, and flags bits not defined here, must be zero,
 *    else EINVAL. Future ABI minors give them meaning; old modules thus
 *    refuse what they cannot honour instead of ignoring it.
 *  - A bad user pointer gives EFAULT.
 *
 * Commands:
 *
 *  VZBC_IOC_VERSION (in/out struct vzbc_version)
 *	In: flags and every reserved field zero. Out: the module's ABI
 *	major and minor and its release string (NUL-terminated).
 *	A tool must refuse to talk to a module whose abi_major differs from
 *	its own VZBC_ABI_MAJOR; a larger abi_minor is compatible.
 *
 *  VZBC_IOC_CT_REGISTER (in struct vzbc_ct_register)
 *	Make the cgroup v2 directory open as cgroup_fd the container ctid:
 *	every task in it or below belongs to the container from then on.
 *	EINVAL: ctid 0 (the host), a bad flag or reserved field, the root
 *	cgroup. EBADF: cgroup_fd is not an open cgroup v2 directory. EEXIST:
 *	the ctid or the cgroup is already registered (or the ctid is still
 *	being unregistered), or the cgroup is inside a registered container's
 *	cgroup or contains one. All limits start unlimited (vmguarpages'
 *	barrier at 0), as in OpenVZ.
 *
 *  VZBC_IOC_CT_UNREGISTER (in struct vzbc_ct_id)
 *	Forget container ctid. ENOENT: not registered. EBUSY: its cgroup
 *	still has tasks. Objects it still has charged (a file a host process
 *	holds, say) stay charged to it until freed; it is no longer listed.
 *
 *  VZBC_IOC_SET_LIMITS (in struct vzbc_set_limits)
 *	Set barrier and limit of count resources of container ctid at once:
 *	either all are applied or none. limits points to count entries of
 *	struct vzbc_limit. EINVAL: count 0 or above VZBC_RESOURCES, a resource
 *	out of range, a dummy slot, a resource given twice, barrier > limit,
 *	a value above VZBC_UNLIMITED.
 *	ENOENT: no such container.
 *
 *  VZBC_IOC_GET_BC (in/out struct vzbc_bc)
 *	Read container ctid's beancounter: nr_resources (VZBC_RESOURCES) rows
 *	of held, maxheld, minheld, barrier, limit, failcnt in OpenVZ's order.
 *	ENOENT: no such container.
 *
 *  VZBC_IOC_LIST (in/out struct vzbc_list)
 *	Copy up to capacity registered CTIDs, ascending, to ctids; set count
 *	to how many there are. A caller whose capacity was short retries with
 *	a bigger buffer.
 *
 *  VZBC_IOC_NET_ATTACH (in struct vzbc_net_attach)			[1.2]
 *	Tie container ctid to its network namespace (netns_fd, an open
 *	/proc/PID/ns/net) and to the host end of its venet pair (ifindex, a
 *	veth device in the caller's namespace whose peer is in that
 *	namespace). From then on every frame the container sends through
 *	the pair is checked on arrival at the host end: only IPv4 and IPv6
 *	with a source address the container owns (see VZBC_IOC_NET_ADDR), or
 *	an IPv6 link-local one, pass; everything else (other sources, ARP,
 *	VLAN tags, other protocols) is dropped and counted. Traffic both
 *	ways is counted there (VZBC_IOC_NET_INFO, /proc/vz/netstat).
 *	The check ends when the device goes away. When the namespace goes
 *	away (the container stopped or halted), the container's addresses
 *	are released. Attaching again what is already attached is a no-op.
 *	EINVAL: a bad flag or reserved field, ctid 0, netns_fd is not a
 *	network namespace or is the caller's own, the device is not a veth
 *	whose peer is in that namespace. EBADF: netns_fd is not open.
 *	ENODEV: no such device. ENOENT: no such container. EBUSY: the
 *	container is tied to another live namespace or another device, or
 *	the namespace or the device belongs to another container.
 *
 *  VZBC_IOC_NET_ADDR (in struct vzbc_net_addrs)				[1.2]
 *	Change the addresses container ctid owns, all of count or none.
 *	An address belongs to at most one container on the host.
 *	op VZBC_NET_ADD: claim the addresses at addrs (those the container
 *	already owns are left as they are). Needs VZBC_IOC_NET_ATTACH first.
 *	op VZBC_NET_DEL: release them. op VZBC_NET_DEL_ALL: release every
 *	address of the container (count and addrs 0).
 *	EINVAL: a bad op, flag or reserved field, ctid 0, count 0 or above
 *	VZBC_NET_MAX_ADDRS (not 0 for DEL_ALL), a family other than AF_INET
 *	and AF_INET6, non-zero bytes after an IPv4 address, an address that
 *	cannot be a host's (unspecified, loopback, multicast, broadcast,
 *	link-local, class E, IPv4-mapped), an address given twice.
 *	ENOENT: no such container. ENXIO (ADD): no namespace attached.
 *	EADDRINUSE (ADD): another container owns one of them.
 *	EADDRNOTAVAIL (DEL): one of them is not this container's.
 *	ENOSPC (ADD): the container would own more than VZBC_NET_MAX_ADDRS.
 *
 *  VZBC_IOC_NET_INFO (in/out struct vzbc_net_info)			[1.2]
 *	Read container ctid's network state: up to capacity of its addresses
 *	to addrs (in the order they were added) and how many it owns to
 *	count, the host end being checked (ifindex, 0 for none), whether a
 *	namespace is attached (VZBC_NET_NETNS in state) and its traffic
 *	counters. ENOENT: no such container.
 *
 *  VZBC_IOC_SET_VIEW (in struct vzbc_set_view)			[1.3]
 *	Choose what container ctid's tasks see of the machine: parts is a set
 *	of VZBC_VIEW_* bits, each a group of files shown from the container's
 *	own figures instead of the host's. A container starts with every part
 *	on (VZBC_VIEW_ALL); a part cleared shows its tasks the host's figures,
 *	as without vzbc (OpenVZ's MEMINFO="none"). The host and tasks outside
 *	registered containers always see the host's. Also re-reads the
 *	container's CPU limit (cpu.max) at once, which the view otherwise
 *	follows within a few seconds. EINVAL: ctid 0, a bad flag, part or
 *	reserved field. ENOENT: no such container.
 *
 *  VZBC_IOC_GET_VIEW (in/out struct vzbc_view_info)			[1.3]
 *	Read container ctid's view: its parts, its load averages (as
 *	sysinfo(2) gives them: 1.0 is 1 << VZBC_LOAD_SHIFT), how long it has
 *	been registered (uptime_ns, on the boot-time clock) and how many of
 *	its tasks exist, run and wait uninterruptibly now. ENOENT: no such
 *	container.
 *
 * A task inside a registered container gets EPERM for every command, root
 * or not.
 *
 * Events								[1.4]
 *
 * The module also speaks on a generic netlink family, VZBC_GENL_NAME, in
 * the host's initial network namespace only. Its multicast group
 * VZBC_GENL_GROUP_EVENTS carries one message, VZBC_EVENT_CT_STOP, each
 * time the init of a registered container exits: whether it exited by
 * itself, was killed, or ended through reboot(2) inside the container
 * (halt, poweroff, reboot). Attributes: VZBC_EVENT_A_CTID (u32),
 * VZBC_EVENT_A_HOW (u32, enum vzbc_stop_how), VZBC_EVENT_A_PID (u32,
 * the init's pid in the initial pid namespace) and VZBC_EVENT_A_STATUS
 * (u32, its wait status). The rest of the container may still be
 * dying when it is sent. Joining the group needs CAP_NET_ADMIN in the
 * initial user namespace (else EPERM); a container, in its own network
 * namespace, does not see the family at all. The family has no
 * commands. vzeventd(8) listens to it.
 */
#ifndef _UAPI_LINUX_VZBC_H
#define _UAPI_LINUX_VZBC_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define VZBC_ABI_MAJOR		1
#define VZBC_ABI_MINOR		4

#define VZBC_DEVICE_NAME	"vzctl"
#define VZBC_DEVICE_PATH	"/dev/vzctl"

#define VZBC_IOC_MAGIC		0xBC

#define VZBC_RELEASE_LEN	32

struct vzbc_version {
	__u32 flags;				/* in: must be 0 */
	__u32 abi_major;			/* out */
	__u32 abi_minor;			/* out */
	__u32 reserved0;			/* must be 0 */
	char release[VZBC_RELEASE_LEN];		/* out: module release */
	__u64 reserved[4];			/* must be 0 */
};

#define VZBC_IOC_VERSION	_IOWR(VZBC_IOC_MAGIC, 0x00, struct vzbc_version)

/*
 * The resources, in OpenVZ's order and with its numbers (ids 4, 20, 21 and
 * 22 are OpenVZ's "dummy" slots). Units: *pages in pages, num* in objects,
 * the rest in bytes.
 */
enum vzbc_resource {
	VZBC_KMEMSIZE		= 0,
	VZBC_LOCKEDPAGES	= 1,
	VZBC_PRIVVMPAGES	= 2,
	VZBC_SHMPAGES		= 3,
	VZBC_DUMMY4		= 4,
	VZBC_NUMPROC		= 5,
	VZBC_PHYSPAGES		= 6,
	VZBC_VMGUARPAGES	= 7,
	VZBC_OOMGUARPAGES	= 8,
	VZBC_NUMTCPSOCK		= 9,
	VZBC_NUMFLOCK		= 10,
	VZBC_NUMPTY		= 11,
	VZBC_NUMSIGINFO		= 12,
	VZBC_TCPSNDBUF		= 13,
	VZBC_TCPRCVBUF		= 14,
	VZBC_OTHERSOCKBUF	= 15,
	VZBC_DGRAMRCVBUF	= 16,
	VZBC_NUMOTHERSOCK	= 17,
	VZBC_DCACHESIZE		= 18,
	VZBC_NUMFILE		= 19,
	VZBC_DUMMY20		= 20,
	VZBC_DUMMY21		= 21,
	VZBC_DUMMY22		= 22,
	VZBC_NUMIPTENT		= 23,
	VZBC_SWAPPAGES		= 24,
	VZBC_RESOURCES		= 25,
};

/* "unlimited": LONG_MAX on 64-bit, as OpenVZ prints it */
#define VZBC_UNLIMITED		0x7fffffffffffffffULL
#define VZBC_MAX_RESOURCES	32	/* rows in struct vzbc_bc */

struct vzbc_ct_register {
	__u32 ctid;
	__s32 cgroup_fd;
	__u32 flags;			/* must be 0 */
	__u32 reserved0;		/* must be 0 */
	__u64 reserved[2];		/* must be 0 */
};

struct vzbc_ct_id {
	__u32 ctid;
	__u32 flags;			/* must be 0 */
	__u64 reserved[2];		/* must be 0 */
};

struct vzbc_limit {
	__u32 resource;			/* enum vzbc_resource */
	__u32 reserved0;		/* must be 0 */
	__u64 barrier;
	__u64 limit;
};

struct vzbc_set_limits {
	__u32 ctid;
	__u32 count;			/* entries at limits */
	__u64 limits;			/* pointer to struct vzbc_limit[count] */
	__u32 flags;			/* must be 0 */
	__u32 reserved0;		/* must be 0 */
	__u64 reserved[2];		/* must be 0 */
};

struct vzbc_ubparm {
	__u64 held;
	__u64 maxheld;
	__u64 minheld;
	__u64 barrier;
	__u64 limit;
	__u64 failcnt;
};

struct vzbc_bc {
	__u32 ctid;			/* in */
	__u32 flags;			/* in: must be 0 */
	__u32 nr_resources;		/* out: VZBC_RESOURCES */
	__u32 reserved0;		/* must be 0 */
	__u64 reserved[2];		/* must be 0 */
	struct vzbc_ubparm res[VZBC_MAX_RESOURCES];	/* out */
};

struct vzbc_list {
	__u32 capacity;			/* in: entries at ctids */
	__u32 count;			/* out: registered containers */
	__u64 ctids;			/* pointer to __u32[capacity] */
	__u32 flags;			/* must be 0 */
	__u32 reserved0;		/* must be 0 */
	__u64 reserved[2];		/* must be 0 */
};

/*
 * The parts of a container's view (VZBC_IOC_SET_VIEW). What each shows
 * inside the container when on:
 *  MEMINFO  /proc/meminfo, /proc/swaps and the memory, swap and shared
 *           figures of sysinfo(2): its memory and swap limits and use;
 *  CPU      /proc/cpuinfo and /proc/stat: only the CPUs it may use (its
 *           cpuset, and no more than its CPU limit rounds up to), and in
 *           /proc/stat its own CPU time;
 *  LOADAVG  /proc/loadavg and the loads and process count of sysinfo(2):
 *           its own load average and tasks;
 *  UPTIME   /proc/uptime's idle time: the time its CPUs were not used by
 *           it (the uptime itself follows the reader's time namespace).
 */
#define VZBC_VIEW_MEMINFO	0x1
#define VZBC_VIEW_CPU		0x2
#define VZBC_VIEW_LOADAVG	0x4
#define VZBC_VIEW_UPTIME	0x8
#define VZBC_VIEW_ALL		0xf

#define VZBC_LOAD_SHIFT		16	/* as sysinfo(2)'s SI_LOAD_SHIFT */

struct vzbc_set_view {
	__u32 ctid;
	__u32 parts;			/* VZBC_VIEW_* */
	__u32 flags;			/* must be 0 */
	__u32 reserved0;		/* must be 0 */
	__u64 reserved[2];		/* must be 0 */
};

struct vzbc_view_info {
	__u32 ctid;			/* in */
	__u32 flags;			/* in: must be 0 */
	__u32 parts;			/* out: VZBC_VIEW_* on */
	__u32 nr_tasks;			/* out: its tasks (threads) */
	__u32 nr_running;		/* out: of them, running or runnable */
	__u32 nr_blocked;		/* out: waiting uninterruptibly */
	__u64 loadavg[3];		/* out: 1, 5, 15 minutes */
	__u64 uptime_ns;		/* out: since it was registered */
	__u64 reserved[2];		/* must be 0 */
};

#define VZBC_IOC_CT_REGISTER	_IOW(VZBC_IOC_MAGIC, 0x01, struct vzbc_ct_register)
#define VZBC_IOC_CT_UNREGISTER	_IOW(VZBC_IOC_MAGIC, 0x02, struct vzbc_ct_id)
#define VZBC_IOC_SET_LIMITS	_IOW(VZBC_IOC_MAGIC, 0x03, struct vzbc_set_limits)
#define VZBC_IOC_GET_BC		_IOWR(VZBC_IOC_MAGIC, 0x04, struct vzbc_bc)
#define VZBC_IOC_LIST		_IOWR(VZBC_IOC_MAGIC, 0x05, struct vzbc_list)
#define VZBC_IOC_SET_VIEW	_IOW(VZBC_IOC_MAGIC, 0x09, struct vzbc_set_view)
#define VZBC_IOC_GET_VIEW	_IOWR(VZBC_IOC_MAGIC, 0x0a, struct vzbc_view_info)

/* Networking (ABI 1.2): venet addresses, their anti-spoofing check, traffic */

#define VZBC_NET_MAX_ADDRS	1024	/* addresses one container may own */

struct vzbc_net_attach {
	__u32 ctid;
	__s32 netns_fd;			/* the container's network namespace */
	__u32 ifindex;			/* host end of its venet pair */
	__u32 flags;			/* must be 0 */
	__u64 reserved[2];		/* must be 0 */
};

struct vzbc_net_addr {
	__u16 family;			/* AF_INET or AF_INET6 */
	__u16 reserved0;		/* must be 0 */
	__u32 reserved1;		/* must be 0 */
	__u8 addr[16];			/* network order; IPv4 in addr[0..3] */
};

enum vzbc_net_op {
	VZBC_NET_ADD		= 1,
	VZBC_NET_DEL		= 2,
	VZBC_NET_DEL_ALL	= 3,
};

struct vzbc_net_addrs {
	__u32 ctid;
	__u32 op;			/* enum vzbc_net_op */
	__u32 count;			/* entries at addrs */
	__u32 flags;			/* must be 0 */
	__u64 addrs;			/* pointer to struct vzbc_net_addr[count] */
	__u64 reserved[2];		/* must be 0 */
};

/*
 * Traffic of a container's venet pair, counted at its host end: "in" is
 * what was delivered to the container, "out" what it sent and the check
 * let through, "drop" what it sent and the check refused. Bytes are those
 * of the IP packets (no link-layer header); a segmentation-offloaded
 * packet counts as its segments in packets, its headers once in bytes.
 */
struct vzbc_net_stats {
	__u64 in_bytes;
	__u64 in_packets;
	__u64 out_bytes;
	__u64 out_packets;
	__u64 drop_bytes;
	__u64 drop_packets;
};

#define VZBC_NET_NETNS		(1U << 0)	/* state: a namespace is attached */

struct vzbc_net_info {
	__u32 ctid;			/* in */
	__u32 flags;			/* in: must be 0 */
	__u32 capacity;			/* in: entries at addrs */
	__u32 count;			/* out: addresses the container owns */
	__u64 addrs;			/* pointer to struct vzbc_net_addr[capacity] */
	__u32 ifindex;			/* out: host end being checked, or 0 */
	__u32 state;			/* out: VZBC_NET_NETNS */
	struct vzbc_net_stats stats;	/* out */
	__u64 reserved[2];		/* must be 0 */
};

#define VZBC_IOC_NET_ATTACH	_IOW(VZBC_IOC_MAGIC, 0x06, struct vzbc_net_attach)
#define VZBC_IOC_NET_ADDR	_IOW(VZBC_IOC_MAGIC, 0x07, struct vzbc_net_addrs)
#define VZBC_IOC_NET_INFO	_IOWR(VZBC_IOC_MAGIC, 0x08, struct vzbc_net_info)

/* ------------------------------------------------------------ events */

#define VZBC_GENL_NAME		"vzbc"
#define VZBC_GENL_VERSION	1
#define VZBC_GENL_GROUP_EVENTS	"events"

enum vzbc_event_cmd {
	VZBC_EVENT_UNSPEC,
	VZBC_EVENT_CT_STOP,		/* a registered container's init exited */
	__VZBC_EVENT_MAX,
};

enum vzbc_event_attr {
	VZBC_EVENT_A_UNSPEC,
	VZBC_EVENT_A_CTID,		/* u32 */
	VZBC_EVENT_A_HOW,		/* u32, enum vzbc_stop_how */
	VZBC_EVENT_A_PID,		/* u32: the init, in the initial pid namespace */
	VZBC_EVENT_A_STATUS,		/* u32: its wait status */
	__VZBC_EVENT_A_MAX,
};
#define VZBC_EVENT_A_MAX	(__VZBC_EVENT_A_MAX - 1)

/* How a container's init ended (OpenVZ's ve-stop and ve-reboot). */
enum vzbc_stop_how {
	VZBC_STOP_EXIT		= 0,	/* exited or was killed */
	VZBC_STOP_HALT		= 1,	/* reboot(2) inside: halt or power off */
	VZBC_STOP_REBOOT	= 2,	/* reboot(2) inside: restart */
};

#endif /* _UAPI_LINUX_VZBC_H */
