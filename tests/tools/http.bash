# SPDX-License-Identifier: GPL-2.0
# http METHOD PORT PATH: the body of an HTTP/1.0 request to 127.0.0.1:PORT
# (bash's /dev/tcp: no client needed; a descriptor of its own, as bats
# keeps 3 for itself), HTTP_STATUS its status; fails when nothing listens
# or the status is not 200. For the exporter's tests, host and VM.
http() {
	local fd
	exec {fd}<> "/dev/tcp/127.0.0.1/$2" || return 1
	printf '%s %s HTTP/1.0\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n' "$1" "$3" >&$fd
	read -r _ HTTP_STATUS _ <&$fd
	sed '1,/^\r$/d' <&$fd
	exec {fd}<&-
	[ "$HTTP_STATUS" = 200 ]
}
