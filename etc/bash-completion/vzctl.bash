# SPDX-License-Identifier: GPL-2.0
# The functions of vzctl's and vzlist's bash completion; scripts/gen-completion
# puts the commands, options, choices and fields of the built tools above.
# Containers, names, OS templates and samples are read when completing.

_vzbc_confdir=/etc/vz/conf

# the CTIDs and names of the containers with a config
_vzbc_ctids() {
	local f n
	for f in "$_vzbc_confdir"/[0-9]*.conf; do
		[ -e "$f" ] || continue
		n=${f##*/}
		n=${n%.conf}
		[[ "$n" =~ ^[0-9]+$ ]] && echo "$n"
	done
	sed -n 's/^NAME="\{0,1\}\([^" ]*\)"\{0,1\}$/\1/p' "$_vzbc_confdir"/[0-9]*.conf 2> /dev/null
}

# the OS templates in TEMPLATE/cache (TEMPLATE of vz.conf)
_vzbc_templates() {
	local t f
	t=$(sed -n 's/^TEMPLATE="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "${_vzbc_confdir%/conf}/vz.conf" \
		2> /dev/null | tail -n 1)
	for f in "${t:-/vz/template}"/cache/*.tar*; do
		[ -e "$f" ] || continue
		f=${f##*/}
		echo "${f%%.tar*}"
	done
}

# the sample configs, by the name --config takes
_vzbc_samples() {
	local f
	for f in "$_vzbc_confdir"/ve-*.conf-sample; do
		[ -e "$f" ] || continue
		f=${f##*/ve-}
		echo "${f%.conf-sample}"
	done
}

_vzctl() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} cmd= opt i

	COMPREPLY=()
	# the command: the first word that is not an option
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ "${COMP_WORDS[i]}" != -* ]]; then
			cmd=${COMP_WORDS[i]}
			break
		fi
	done
	if [ -z "$cmd" ]; then
		if [[ "$cur" == -* ]]; then
			COMPREPLY=($(compgen -W "$_vzbc_global_opts" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$_vzbc_commands" -- "$cur"))
		fi
		return 0
	fi
	# the container, right after the command (a new one for create)
	if ((COMP_CWORD == i + 1)); then
		[ "$cmd" = create ] || COMPREPLY=($(compgen -W "$(_vzbc_ctids)" -- "$cur"))
		return 0
	fi
	case $cmd in
	exec | exec2)
		((COMP_CWORD == i + 2)) && COMPREPLY=($(compgen -c -- "$cur"))
		return 0 ;;
	runscript)
		((COMP_CWORD == i + 2)) && COMPREPLY=($(compgen -f -- "$cur"))
		return 0 ;;
	esac
	# an option's value: "--opt value", or "--opt=value" (split at the =)
	opt=
	if [ "$cur" = "=" ]; then
		opt=$prev
		cur=
	elif [ "$prev" = "=" ]; then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ "$prev" == --* ]]; then
		opt=$prev
	fi
	if [ -n "$opt" ] && [ -n "${_vzbc_takes_arg[$cmd $opt]:-}" ]; then
		case $opt in
		--ostemplate) COMPREPLY=($(compgen -W "$(_vzbc_templates)" -- "$cur")) ;;
		--config) COMPREPLY=($(compgen -W "$(_vzbc_samples)" -- "$cur")) ;;
		--private | --root) COMPREPLY=($(compgen -d -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "${_vzbc_choices[$cmd $opt]:-}" -- "$cur")) ;;
		esac
		return 0
	fi
	COMPREPLY=($(compgen -W "${_vzbc_opts[$cmd]:-}" -- "$cur"))
	return 0
}

# vzlist's fields, each beancounter also with .m .b .l .f
_vzbc_vzlist_all_fields() {
	local r
	echo "$_vzbc_vzlist_fields"
	for r in $_vzbc_resources; do
		echo "$r.m $r.b $r.l $r.f"
	done
}

_vzlist() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} pre

	COMPREPLY=()
	case $prev in
	-o | --output)
		# a comma-separated list: complete its last field
		pre=
		[[ "$cur" == *,* ]] && pre=${cur%,*},
		COMPREPLY=($(compgen -P "$pre" -W "$(_vzbc_vzlist_all_fields)" -- "${cur##*,}"))
		compopt -o nospace 2> /dev/null
		return 0 ;;
	-s | --sort)
		pre=
		[[ "$cur" == -* ]] && pre=-
		COMPREPLY=($(compgen -P "$pre" -W "$(_vzbc_vzlist_all_fields)" -- "${cur#-}"))
		return 0 ;;
	-h | --hostname | -N | --name_filter | -d | --description)
		return 0 ;;
	esac
	if [[ "$cur" == -* ]]; then
		COMPREPLY=($(compgen -W "$_vzbc_vzlist_opts" -- "$cur"))
	else
		COMPREPLY=($(compgen -W "$(_vzbc_ctids)" -- "$cur"))
	fi
	return 0
}

complete -F _vzctl vzctl
complete -F _vzlist vzlist
