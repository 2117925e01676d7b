# bash completion for ecsimg
# Generated from the ecsimg commands by `npm run completions`: do not edit.
# Install: echo 'source <(ecsimg completion bash)' >> ~/.bashrc

# Profile names in ~/.aliyun/config.json, read without starting node so completion stays instant.
__ecsimg_profiles() {
  command grep -o '"name"[[:space:]]*:[[:space:]]*"[^"]*"' "$HOME/.aliyun/config.json" 2>/dev/null | command sed 's/.*"\([^"]*\)"$/\1/'
}

__ecsimg_commands() {
  echo 'list show wait regions completion emulator help'
}

# The flags of command $1 ('' is ecsimg itself, before any command).
__ecsimg_flags() {
  case $1 in
    '') echo '-V --version -r --region -p --profile --endpoint -o --output --timeout --retries --debug --no-color -q --quiet -h --help' ;;
    list) echo '--owner --image-id --name --status --snapshot-id --usage --tag --family --os-type --arch --instance-type --created-after --created-before --page-size --limit --allow-incomplete --concurrency --columns --no-header --wide --latest --name-regex --name-exact --name-glob --fail-empty --count --sort --query --dry-run -r --region -p --profile --endpoint -o --output --timeout --retries --debug --no-color -q --quiet -h --help' ;;
    show) echo '--family -r --region -p --profile --endpoint -o --output --timeout --retries --debug --no-color -q --quiet -h --help' ;;
    wait) echo '--name --status --max-wait --interval --concurrency --columns --no-header -r --region -p --profile --endpoint -o --output --timeout --retries --debug --no-color -q --quiet -h --help' ;;
    regions) echo '--columns --no-header --query -r --region -p --profile --endpoint -o --output --timeout --retries --debug --no-color -q --quiet -h --help' ;;
    completion) echo '-h --help' ;;
    emulator) echo '-r --region --port --host --images-per-region --catalogue --creating --latency --throttle --fail --html-errors --hang-after --retry-after --churn --paging-fault --bad-regions --fault-regions --expired-credentials --credentials-ttl --assume-role-denied --imds-v2-only --down -h --help' ;;
    help) echo '-h --help' ;;
  esac
}

# Succeeds when flag $2 of command $1 takes a value.
__ecsimg_takes_value() {
  case $1 in
    '') case $2 in -r | --region | -p | --profile | --endpoint | -o | --output | --timeout | --retries) return 0 ;; esac ;;
    list) case $2 in --owner | --image-id | --name | --status | --snapshot-id | --usage | --tag | --family | --os-type | --arch | --instance-type | --created-after | --created-before | --page-size | --limit | --concurrency | --columns | --name-regex | --name-exact | --name-glob | --sort | --query | -r | --region | -p | --profile | --endpoint | -o | --output | --timeout | --retries) return 0 ;; esac ;;
    show) case $2 in --family | -r | --region | -p | --profile | --endpoint | -o | --output | --timeout | --retries) return 0 ;; esac ;;
    wait) case $2 in --name | --status | --max-wait | --interval | --concurrency | --columns | -r | --region | -p | --profile | --endpoint | -o | --output | --timeout | --retries) return 0 ;; esac ;;
    regions) case $2 in --columns | --query | -r | --region | -p | --profile | --endpoint | -o | --output | --timeout | --retries) return 0 ;; esac ;;
    emulator) case $2 in -r | --region | --port | --host | --images-per-region | --catalogue | --creating | --latency | --throttle | --fail | --html-errors | --hang-after | --retry-after | --churn | --paging-fault | --fault-regions | --credentials-ttl | --down) return 0 ;; esac ;;
  esac
  return 1
}

# COMPREPLY: the values of flag $1 of command $4 that complete $2, each prefixed with $3.
__ecsimg_values() {
  local cur=$2 prefix=$3 words= list= descending= profiles=
  case "$4 $1" in
    'regions --columns') words='RegionId LocalName RegionEndpoint Status' list=1; __ecsimg_reply; return ;;
  esac
  case $1 in
    -r | --region) words='cn-hangzhou cn-shanghai cn-beijing cn-zhangjiakou cn-huhehaote cn-wulanchabu cn-qingdao cn-shenzhen cn-heyuan cn-guangzhou cn-chengdu cn-hongkong ap-northeast-1 ap-northeast-2 ap-southeast-1 ap-southeast-3 ap-southeast-5 ap-southeast-6 ap-southeast-7 ap-south-1 us-east-1 us-west-1 eu-west-1 eu-central-1 me-east-1 me-central-1 all' list=1 ;;
    -p | --profile) profiles=1 ;;
    -o | --output) words='table json ndjson csv tsv' ;;
    --owner) words='system self others marketplace' ;;
    --status) words='Creating Waiting Available UnAvailable CreateFailed Deprecated all' list=1 ;;
    --usage) words='instance none' ;;
    --os-type) words='linux windows' ;;
    --arch) words='i386 x86_64 arm64' ;;
    --columns) words='ImageId ImageName ImageVersion ImageFamily Description Size ImageOwnerAlias ImageOwnerId IsSupportIoOptimized IsSupportCloudinit OSName OSNameEn OSType Platform Architecture Status Progress Usage CreationTime ProductCode IsCopied IsSubscribed IsSelfShared BootMode Tags DiskDeviceMappings DetectionOptions Features ImportImageOptions LicenseType LoginAsNonRootSupported SupplierName IsPublic ResourceGroupId RegionId' list=1 ;;
    --sort) words='ImageId ImageName ImageVersion ImageFamily Description Size ImageOwnerAlias ImageOwnerId IsSupportIoOptimized IsSupportCloudinit OSName OSNameEn OSType Platform Architecture Status Progress Usage CreationTime ProductCode IsCopied IsSubscribed IsSelfShared BootMode Tags DiskDeviceMappings DetectionOptions Features ImportImageOptions LicenseType LoginAsNonRootSupported SupplierName IsPublic ResourceGroupId RegionId' list=1 descending=1 ;;
    --fault-regions) words='cn-qingdao cn-beijing cn-zhangjiakou cn-huhehaote cn-hangzhou cn-shanghai cn-shenzhen cn-chengdu cn-hongkong ap-northeast-1 ap-southeast-1 ap-southeast-5 us-west-1 us-east-1 eu-central-1 eu-west-1' list=1 ;;
    *) return 0 ;;
  esac
  __ecsimg_reply
}

# COMPREPLY: the values of argument $2 (from 1) of command $1 that complete $3.
__ecsimg_arguments() {
  local cur=$3 prefix= words= list= descending= profiles=
  case "$1 $2" in
    'completion 1') words='bash zsh fish' ;;
    'help 1') words='list show wait regions completion emulator help' ;;
    *) return 0 ;;
  esac
  __ecsimg_reply
}

__ecsimg_reply() {
  # a comma-separated list completes its last item; a descending sort key starts with '-'
  if [[ -n $list && $cur == *,* ]]; then
    prefix=$prefix${cur%,*},
    cur=${cur##*,}
  fi
  if [[ -n $descending && $cur == -* ]]; then
    prefix=$prefix-
    cur=${cur#-}
  fi
  if [[ -n $profiles ]]; then
    # names from a file: matched as text, never through compgen -W, which would expand them
    local profile
    while IFS= read -r profile; do
      [[ -n $profile && $profile == "$cur"* ]] && COMPREPLY+=("$prefix$profile")
    done < <(__ecsimg_profiles)
  else
    COMPREPLY=($(compgen -P "$prefix" -W "$words" -- "$cur"))
  fi
}

_ecsimg() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command= flag= word args=0 i
  COMPREPLY=()
  case $prev in
    '>' | '>>' | '<') COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
  esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ -n $flag ]]; then
      # --flag=value comes as three words (COMP_WORDBREAKS has '='): --flag, =, value
      [[ $word == = ]] || flag=
    elif __ecsimg_takes_value "$command" "$word"; then
      flag=$word
    elif [[ $word == -* ]]; then
      :
    elif [[ -z $command ]]; then
      command=$word
    else
      args=$((args + 1))
    fi
  done

  if [[ -n $flag ]]; then
    [[ $cur == = ]] && cur=
    __ecsimg_values "$flag" "$cur" '' "$command"
  elif [[ $cur == --*=* ]]; then
    # COMP_WORDBREAKS without '=': the flag and its value are one word
    flag=${cur%%=*}
    __ecsimg_takes_value "$command" "$flag" && __ecsimg_values "$flag" "${cur#*=}" "$flag=" "$command"
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(__ecsimg_flags "$command")" -- "$cur"))
  elif [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$(__ecsimg_commands)" -- "$cur"))
  else
    __ecsimg_arguments "$command" $((args + 1)) "$cur"
  fi
  return 0
}

complete -F _ecsimg ecsimg
