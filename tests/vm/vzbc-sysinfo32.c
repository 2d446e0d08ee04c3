// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-sysinfo32: sysinfo(2) as a 32-bit program calls it, from a 64-bit
 * one (no multilib needed): the i386 system call 116 through int $0x80,
 * with its buffer below 4 GiB (MAP_32BIT), beside the 64-bit sysinfo(2).
 * Prints, for each, "abi totalram_kb totalswap_kb freeram_kb procs uptime
 * mem_unit":
 *
 *	i386 262144 524288 250000 3 5 1
 *	x86_64 262144 524288 250000 3 5 1
 *
 * Exits 77 (and says why) where the kernel runs no 32-bit system calls:
 * built without IA32_EMULATION, or booted with ia32_emulation=false; int
 * $0x80 then raises SIGSEGV.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>

#define I386_NR_SYSINFO	116

/* struct sysinfo of the i386 ABI */
struct sysinfo32 {
	int32_t uptime;
	uint32_t loads[3];
	uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t totalhigh, freehigh, mem_unit;
	char _f[8];
};

static sigjmp_buf no_ia32;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(no_ia32, 1);
}

static long int80_sysinfo(struct sysinfo32 *buf)
{
	long ret;

	/* the 32-bit entry saves no r8-r11 for a 64-bit caller */
	asm volatile("int $0x80"
		     : "=a"(ret)
		     : "a"((long)I386_NR_SYSINFO), "b"((unsigned long)buf)
		     : "r8", "r9", "r10", "r11", "memory", "cc");
	return ret;
}

static unsigned long long kb(unsigned long long n, unsigned int unit)
{
	return n * unit / 1024;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_segv };
	struct sysinfo32 *s32;
	struct sysinfo s;
	long ret;

	s32 = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (s32 == MAP_FAILED) {
		fprintf(stderr, "mmap(MAP_32BIT): %s\n", strerror(errno));
		return 1;
	}
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(no_ia32, 1)) {
		fprintf(stderr, "int $0x80 faults: this kernel runs no 32-bit system calls\n");
		return 77;
	}
	ret = int80_sysinfo(s32);
	signal(SIGSEGV, SIG_DFL);
	if (ret) {
		fprintf(stderr, "i386 sysinfo: %s\n", strerror((int)-ret));
		return 1;
	}
	if (sysinfo(&s)) {
		fprintf(stderr, "sysinfo: %s\n", strerror(errno));
		return 1;
	}
	printf("i386 %llu %llu %llu %u %d %u\n", kb(s32->totalram, s32->mem_unit),
	       kb(s32->totalswap, s32->mem_unit), kb(s32->freeram, s32->mem_unit),
	       s32->procs, s32->uptime, s32->mem_unit);
	printf("x86_64 %llu %llu %llu %u %ld %u\n", kb(s.totalram, s.mem_unit),
	       kb(s.totalswap, s.mem_unit), kb(s.freeram, s.mem_unit), s.procs,
	       s.uptime, s.mem_unit);
	return 0;
}
