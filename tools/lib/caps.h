/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capabilities of a container's root: OpenVZ's CAPABILITY values and the
 * bounding set a container's processes keep.
 */
#ifndef VZ_CAPS_H
#define VZ_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vzenv;

/* CAPABILITY values: "NAME:on|off ..." (NAME as OpenVZ spells it, any
 * case, CAP_ prefix optional) to bit masks, later ones winning; 0 or
 * -EINVAL. And back, names in capability order. */
int vz_cap_parse(const char *spec, uint64_t *on, uint64_t *off);
void vz_cap_format(uint64_t on, uint64_t off, char *buf, size_t len);

/* The CAPABILITY to keep: the config's cur with the changes given over it
 * (given later wins), formatted into buf; 0, or -EINVAL when either does
 * not parse. */
int vz_cap_merge(const char *cur, const char *given, char *buf, size_t len);

/* The bounding set of the container's processes: OpenVZ's default set
 * with the config's CAPABILITY applied. 0 or -EINVAL. */
int vz_ct_caps(const struct vzenv *env, uint64_t *keep);

/* Does a container with CAPABILITY spec keep capability cap (OpenVZ's
 * default set with spec applied)? false when spec does not parse. */
bool vz_cap_keeps(const char *spec, unsigned int cap);

/* Drop every capability not in keep from the bounding set. */
int vz_drop_caps(uint64_t keep);

#endif /* VZ_CAPS_H */
