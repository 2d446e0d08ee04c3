// SPDX-License-Identifier: GPL-2.0
/*
 * numtcpsock and numothersock: socket(2), socketpair(2) and kernel-internal
 * user sockets pass socket_post_create(sock, family, type, protocol, kern)
 * with sock->sk allocated. TCP (an inet stream socket) counts in
 * numtcpsock, everything else in numothersock; sockets the kernel makes
 * for itself (kern) are not charged, as in OpenVZ. One record per socket,
 * which says which of the two it was charged to.
 *
 * tcpsndbuf, tcprcvbuf, othersockbuf, dgramrcvbuf: the bytes queued on a
 * container's sockets, summed from the records when /proc is read.
 */
#include <linux/in.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/request_sock.h>
#include <net/sock.h>

#include "vzbc.h"
#include "probe.h"

static unsigned int vzbc_sock_res(int family, int type, int protocol)
{
	if ((family == AF_INET || family == AF_INET6) && type == SOCK_STREAM &&
	    (protocol == 0 || protocol == IPPROTO_TCP))
		return VZBC_NUMTCPSOCK;
	return VZBC_NUMOTHERSOCK;
}

/*
 * bpf_lsm_socket_post_create(struct socket *sock, int family, int type,
 *			      int protocol, int kern)
 */
enum { POST_CREATE_SOCK, POST_CREATE_FAMILY, POST_CREATE_TYPE,
       POST_CREATE_PROTOCOL, POST_CREATE_KERN, POST_CREATE_NARGS };

static __used notrace long vzbc_sock_create(const struct vzbc_call *call)
{
	struct socket *sock = vzbc_arg_ptr(call, POST_CREATE_SOCK);
	struct vzbc_ct *ct;
	unsigned int res;
	long ret = 0;

	if (call->arg[POST_CREATE_KERN] || !sock->sk)
		return 0;
	/* the host's sockets first: the cache's compare and no more */
	preempt_disable_notrace();
	ct = vzbc_ct_current();
	if (ct) {
		res = vzbc_sock_res((int)call->arg[POST_CREATE_FAMILY],
				    (int)call->arg[POST_CREATE_TYPE] & SOCK_TYPE_MASK,
				    (int)call->arg[POST_CREATE_PROTOCOL]);
		if (__vzbc_charge_obj(ct, sock->sk, VZBC_KEY_SOCK, res, VZBC_HARD))
			ret = -ENOBUFS;
	}
	preempt_enable_notrace();
	return ret;
}

/*
 * bpf_lsm_inet_csk_clone(struct sock *newsk, const struct request_sock *req)
 *
 * A connection accepted on a listening TCP socket is cloned from it in
 * softirq context, where current is nobody in particular: it is charged to
 * the container the listener was charged to. The hook cannot fail, so the
 * charge is forced (the listener's backlog bounds these).
 */
enum { CSK_CLONE_NEWSK, CSK_CLONE_REQ, CSK_CLONE_NARGS };

static __used notrace long vzbc_sock_clone(const struct vzbc_call *call)
{
	const struct request_sock *req = vzbc_arg_ptr(call, CSK_CLONE_REQ);
	struct vzbc_ct *ct;

	ct = vzbc_obj_ct_get(req->rsk_listener, VZBC_KEY_SOCK);
	if (ct) {
		vzbc_charge_obj_to(ct, vzbc_arg_ptr(call, CSK_CLONE_NEWSK),
				   VZBC_KEY_SOCK, VZBC_NUMTCPSOCK, 1, VZBC_FORCE);
		vzbc_ct_put(ct);
	}
	return 0;
}

/* bpf_lsm_sk_free_security(struct sock *sk) */
enum { SK_FREE_SK, SK_FREE_NARGS };

static __used notrace long vzbc_sock_free(const struct vzbc_call *call)
{
	vzbc_uncharge_obj(vzbc_arg_ptr(call, SK_FREE_SK), VZBC_KEY_SOCK);
	return 0;
}

VZBC_CT_ASM_OFFSETS();
VZBC_PROBE_CT(sock_create, "bpf_lsm_socket_post_create", vzbc_sock_create, 5, ERRNO);
VZBC_PROBE(sock_clone, "bpf_lsm_inet_csk_clone", vzbc_sock_clone, 2, NEVER);
VZBC_PROBE(sock_free, "bpf_lsm_sk_free_security", vzbc_sock_free, 1, NEVER);

VZBC_PROBE_TABLE(vzbc_sock_probes, NULL, NULL,
		 VZBC_ROW(sock_create), VZBC_ROW(sock_clone), VZBC_ROW(sock_free));

/* one socket's queues, into its container's sums (the record is locked) */
static void vzbc_sock_add(struct vzbc_rec *rec, void *only)
{
	struct sock *sk = (struct sock *)rec->obj;
	struct vzbc_sums *sums = &rec->ct->sums;

	if (only && rec->ct != only)
		return;
	if (rec->res == VZBC_NUMTCPSOCK) {
		sums->tcpsnd += max(READ_ONCE(sk->sk_wmem_queued), 0);
		sums->tcprcv += sk_rmem_alloc_get(sk);
	} else {
		sums->othersnd += sk_wmem_alloc_get(sk);
		sums->dgramrcv += sk_rmem_alloc_get(sk);
	}
}

/*
 * Add what the sockets of every container (only's, if not NULL) have
 * queued to its sums: one pass over the records for all of them. Under
 * vzbc_ct_mutex, with the sums zeroed.
 */
void vzbc_sock_sum(struct vzbc_ct *only)
{
	vzbc_recs_for_each(VZBC_KEY_SOCK, vzbc_sock_add, only);
}
