// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/sys/net switches (netsys.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netsys.h"

static int vznet_sysctl_path(const char *key, char *path, size_t len)
{
	if (strstr(key, "..") || (size_t)snprintf(path, len, "/proc/sys/net/%s", key) >= len)
		return -EINVAL;
	return 0;
}

int vznet_sysctl_get(const char *key, char *buf, size_t len)
{
	char path[256];
	ssize_t n;
	int fd, ret = vznet_sysctl_path(key, path, sizeof(path));

	if (ret)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len ? len - 1 : 0);
	ret = n < 0 ? -errno : 0;
	close(fd);
	if (ret || !len)
		return ret;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

int vznet_sysctl_set(const char *key, const char *value)
{
	char path[256];
	size_t len = strlen(value);
	int fd, ret = vznet_sysctl_path(key, path, sizeof(path));

	if (ret)
		return ret;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = write(fd, value, len) == (ssize_t)len ? 0 : -errno;
	close(fd);
	return ret;
}

int vznet_sysctl_dev(int family, const char *dev, const char *key, const char *value)
{
	char k[128];

	if (strchr(dev, '/') ||
	    (size_t)snprintf(k, sizeof(k), "%s/conf/%s/%s", family == AF_INET6 ? "ipv6" : "ipv4",
			     dev, key) >= sizeof(k))
		return -EINVAL;
	return vznet_sysctl_set(k, value);
}

int vznet_host_routing(int family)
{
	int ret;

	if (family == AF_INET)
		return vznet_sysctl_set("ipv4/ip_forward", "1");
	ret = vznet_sysctl_dev(AF_INET6, "all", "forwarding", "1");
	if (!ret)
		ret = vznet_sysctl_dev(AF_INET6, "all", "proxy_ndp", "1");
	return ret;
}

int vznet_host_end(const char *name)
{
	int ret = vznet_sysctl_dev(AF_INET, name, "rp_filter", "1");

	if (!ret)
		ret = vznet_sysctl_dev(AF_INET6, name, "accept_ra", "0");
	return ret;
}
