# fish completion for ecsimg
# Generated from the ecsimg commands by `npm run completions`: do not edit.
# Install: ecsimg completion fish > ~/.config/fish/completions/ecsimg.fish

# Succeeds when flag $argv[2] of command $argv[1] ('' is ecsimg itself) takes a value.
function __ecsimg_takes_value
    switch "$argv[1]"
        case ''
            contains -- $argv[2] -r --region -p --profile --endpoint -o --output --timeout --retries
        case 'list'
            contains -- $argv[2] --owner --image-id --name --status --snapshot-id --usage --tag --family --os-type --arch --instance-type --created-after --created-before --page-size --limit --concurrency --columns --name-regex --name-exact --name-glob --sort --query -r --region -p --profile --endpoint -o --output --timeout --retries
        case 'show'
            contains -- $argv[2] --family -r --region -p --profile --endpoint -o --output --timeout --retries
        case 'wait'
            contains -- $argv[2] --name --status --max-wait --interval --concurrency --columns -r --region -p --profile --endpoint -o --output --timeout --retries
        case 'regions'
            contains -- $argv[2] --columns --query -r --region -p --profile --endpoint -o --output --timeout --retries
        case 'emulator'
            contains -- $argv[2] -r --region --port --host --images-per-region --catalogue --creating --latency --throttle --fail --html-errors --hang-after --retry-after --churn --paging-fault --fault-regions --credentials-ttl --down
        case '*'
            return 1
    end
end

# The command before the cursor ('' before one), then its arguments, one per line. Fails when
# the word under the cursor is a flag's value.
function __ecsimg_words
    set -l words (commandline -opc)
    set -e words[1]
    set -l command ''
    set -l arguments
    set -l flag 0
    for word in $words
        if test $flag = 1
            set flag 0
        else if __ecsimg_takes_value "$command" $word
            set flag 1
        else if string match -q -- '-*' $word
            continue
        else if test -z "$command"
            set command $word
        else
            set -a arguments $word
        end
    end
    printf '%s\n' "$command" $arguments
    test $flag = 0
end

# Succeeds when the command before the cursor is $argv[1] ('' for none yet).
function __ecsimg_command
    set -l words (__ecsimg_words)
    test "$words[1]" = "$argv[1]"
end

# Succeeds when the word under the cursor is argument $argv[2] (from 1) of command $argv[1].
function __ecsimg_argument
    set -l words (__ecsimg_words); or return 1
    test "$words[1]" = "$argv[1]"; and test (count $words) -eq $argv[2]
end

# Profile names in ~/.aliyun/config.json, read without starting node so completion stays instant.
function __ecsimg_profiles
    command grep -o '"name"[[:space:]]*:[[:space:]]*"[^"]*"' "$HOME/.aliyun/config.json" 2>/dev/null | command sed 's/.*"\([^"]*\)"$/\1/'
end

# Completes the last item of a comma-separated list; with $argv[1] = 1 an item may start with '-'.
function __ecsimg_items
    set -l token (commandline -ct | string replace -r -- '^-[^=]*=' '')
    set -l prefix (string match -r -- '^.*,' $token)
    set -l item (string replace -r -- '^.*,' '' $token)
    if test $argv[1] = 1; and string match -q -- '-*' $item
        set prefix "$prefix-"
    end
    for word in $argv[2..-1]
        echo "$prefix$word"
    end
end

complete -c ecsimg -f

# ecsimg itself
complete -c ecsimg -n '__ecsimg_command ""' -a list -d 'list images (DescribeImages), every page'
complete -c ecsimg -n '__ecsimg_command ""' -a show -d 'show images by id, every field; or the newest Available image of a family'
complete -c ecsimg -n '__ecsimg_command ""' -a wait -d 'wait until images reach a status (default Available), then print them; exit 5 not found, 6 --max-wait passed, 7 never will'
complete -c ecsimg -n '__ecsimg_command ""' -a regions -d 'list regions (DescribeRegions), LocalName in the language of the locale (LC_ALL, LC_MESSAGES, LANG)'
complete -c ecsimg -n '__ecsimg_command ""' -a completion -d 'print a shell completion script'
complete -c ecsimg -n '__ecsimg_command ""' -a emulator -d 'start the local ECS API emulator (with STS, a metadata service and a credentials URI) and print its endpoint and test credentials'
complete -c ecsimg -n '__ecsimg_command ""' -a help -d 'help for a command, or a topic: exit-codes, environment, formats'
complete -c ecsimg -n '__ecsimg_command ""' -s V -l version -d 'print the version'
complete -c ecsimg -n '__ecsimg_command ""' -s r -l region -x -a '(__ecsimg_items 0 cn-hangzhou cn-shanghai cn-beijing cn-zhangjiakou cn-huhehaote cn-wulanchabu cn-qingdao cn-shenzhen cn-heyuan cn-guangzhou cn-chengdu cn-hongkong ap-northeast-1 ap-northeast-2 ap-southeast-1 ap-southeast-3 ap-southeast-5 ap-southeast-6 ap-southeast-7 ap-south-1 us-east-1 us-west-1 eu-west-1 eu-central-1 me-east-1 me-central-1 all)' -d 'region id; list, show and wait also take a comma-separated list or \'all\''
complete -c ecsimg -n '__ecsimg_command ""' -s p -l profile -x -a '(__ecsimg_profiles)' -d 'profile in ~/.aliyun/config.json'
complete -c ecsimg -n '__ecsimg_command ""' -l endpoint -x -d 'API endpoint (default https://ecs.<region>.aliyuncs.com)'
complete -c ecsimg -n '__ecsimg_command ""' -s o -l output -x -a 'table json ndjson csv tsv' -d 'output format: table, json, ndjson, csv, tsv (default table)'
complete -c ecsimg -n '__ecsimg_command ""' -l timeout -x -d 'per-request timeout (default 10)'
complete -c ecsimg -n '__ecsimg_command ""' -l retries -x -d 'retries of a request that may succeed later (default 3)'
complete -c ecsimg -n '__ecsimg_command ""' -l debug -d 'log requests and responses to stderr, secrets redacted; stack traces'
complete -c ecsimg -n '__ecsimg_command ""' -l no-color -d 'no colour (also NO_COLOR, TERM=dumb, or stdout not a terminal)'
complete -c ecsimg -n '__ecsimg_command ""' -s q -l quiet -d 'no spinner, hints or summary line'
complete -c ecsimg -n '__ecsimg_command ""' -s h -l help -d 'show help'

# ecsimg list
complete -c ecsimg -n '__ecsimg_command list' -l owner -x -a 'system self others marketplace' -d 'image owner: system, self, others, marketplace (default: system, self and others)'
complete -c ecsimg -n '__ecsimg_command list' -l image-id -x -d 'image IDs, comma-separated and/or repeated'
complete -c ecsimg -n '__ecsimg_command list' -l name -x -d 'image name, fuzzy match by the API'
complete -c ecsimg -n '__ecsimg_command list' -l status -x -a '(__ecsimg_items 0 Creating Waiting Available UnAvailable CreateFailed Deprecated all)' -d 'Creating, Waiting, Available, UnAvailable, CreateFailed, Deprecated or all (default Available)'
complete -c ecsimg -n '__ecsimg_command list' -l snapshot-id -x -d 'images made from this snapshot'
complete -c ecsimg -n '__ecsimg_command list' -l usage -x -a 'instance none' -d 'instance, none: whether an instance runs the image'
complete -c ecsimg -n '__ecsimg_command list' -l tag -x -d 'tag filter, repeatable; key alone matches any value'
complete -c ecsimg -n '__ecsimg_command list' -l family -x -d 'image family'
complete -c ecsimg -n '__ecsimg_command list' -l os-type -x -a 'linux windows' -d 'linux, windows'
complete -c ecsimg -n '__ecsimg_command list' -l arch -x -a 'i386 x86_64 arm64' -d 'i386, x86_64, arm64'
complete -c ecsimg -n '__ecsimg_command list' -l instance-type -x -d 'images usable with this instance type'
complete -c ecsimg -n '__ecsimg_command list' -l created-after -x -d 'created at or after this ISO date/time (UTC unless a zone is given)'
complete -c ecsimg -n '__ecsimg_command list' -l created-before -x -d 'created at or before this ISO date/time'
complete -c ecsimg -n '__ecsimg_command list' -l page-size -x -d 'images per request, 1-100 (default 100)'
complete -c ecsimg -n '__ecsimg_command list' -l limit -x -d 'stop after n images'
complete -c ecsimg -n '__ecsimg_command list' -l allow-incomplete -d 'print a listing that stays short of TotalCount, with a warning, instead of failing (exit 4)'
complete -c ecsimg -n '__ecsimg_command list' -l concurrency -x -d 'requests in flight at once (default 8)'
complete -c ecsimg -n '__ecsimg_command list' -l columns -x -a '(__ecsimg_items 0 ImageId ImageName ImageVersion ImageFamily Description Size ImageOwnerAlias ImageOwnerId IsSupportIoOptimized IsSupportCloudinit OSName OSNameEn OSType Platform Architecture Status Progress Usage CreationTime ProductCode IsCopied IsSubscribed IsSelfShared BootMode Tags DiskDeviceMappings DetectionOptions Features ImportImageOptions LicenseType LoginAsNonRootSupported SupplierName IsPublic ResourceGroupId RegionId)' -d 'fields to print, comma-separated (json/ndjson keep only these)'
complete -c ecsimg -n '__ecsimg_command list' -l no-header -d 'no header row in table/csv/tsv'
complete -c ecsimg -n '__ecsimg_command list' -l wide -d 'table at a terminal: every column, nothing cut (it may wrap)'
complete -c ecsimg -n '__ecsimg_command list' -l latest -d 'only the newest image by CreationTime (with several regions: of each region); none is exit 5'
complete -c ecsimg -n '__ecsimg_command list' -l name-regex -x -d 'keep images whose ImageName matches this regular expression'
complete -c ecsimg -n '__ecsimg_command list' -l name-exact -x -d 'keep images named exactly this (case-sensitive; sent as ImageName to narrow the request)'
complete -c ecsimg -n '__ecsimg_command list' -l name-glob -x -d 'keep images whose whole name matches: * any characters, ? one, nothing else special'
complete -c ecsimg -n '__ecsimg_command list' -l fail-empty -d 'no image matched is exit 5 (for set -e scripts that need at least one)'
complete -c ecsimg -n '__ecsimg_command list' -l count -d 'print only the number of matching images (one request per region without client-side filters)'
complete -c ecsimg -n '__ecsimg_command list' -l sort -x -a '(__ecsimg_items 1 ImageId ImageName ImageVersion ImageFamily Description Size ImageOwnerAlias ImageOwnerId IsSupportIoOptimized IsSupportCloudinit OSName OSNameEn OSType Platform Architecture Status Progress Usage CreationTime ProductCode IsCopied IsSubscribed IsSelfShared BootMode Tags DiskDeviceMappings DetectionOptions Features ImportImageOptions LicenseType LoginAsNonRootSupported SupplierName IsPublic ResourceGroupId RegionId)' -d 'sort by fields, comma-separated; -Field for descending'
complete -c ecsimg -n '__ecsimg_command list' -l query -x -d 'JMESPath over the JSON array; printed as JSON with -o json/ndjson, as text rows otherwise'
complete -c ecsimg -n '__ecsimg_command list' -l dry-run -d 'print the request that would be sent, send nothing'
complete -c ecsimg -n '__ecsimg_command list' -s r -l region -x -a '(__ecsimg_items 0 cn-hangzhou cn-shanghai cn-beijing cn-zhangjiakou cn-huhehaote cn-wulanchabu cn-qingdao cn-shenzhen cn-heyuan cn-guangzhou cn-chengdu cn-hongkong ap-northeast-1 ap-northeast-2 ap-southeast-1 ap-southeast-3 ap-southeast-5 ap-southeast-6 ap-southeast-7 ap-south-1 us-east-1 us-west-1 eu-west-1 eu-central-1 me-east-1 me-central-1 all)' -d 'region id, a comma-separated list, or \'all\' (every region DescribeRegions names)'
complete -c ecsimg -n '__ecsimg_command list' -s p -l profile -x -a '(__ecsimg_profiles)' -d 'profile in ~/.aliyun/config.json'
complete -c ecsimg -n '__ecsimg_command list' -l endpoint -x -d 'API endpoint (default https://ecs.<region>.aliyuncs.com)'
complete -c ecsimg -n '__ecsimg_command list' -s o -l output -x -a 'table json ndjson csv tsv' -d 'output format: table, json, ndjson, csv, tsv (default table)'
complete -c ecsimg -n '__ecsimg_command list' -l timeout -x -d 'per-request timeout (default 10)'
complete -c ecsimg -n '__ecsimg_command list' -l retries -x -d 'retries of a request that may succeed later (default 3)'
complete -c ecsimg -n '__ecsimg_command list' -l debug -d 'log requests and responses to stderr, secrets redacted; stack traces'
complete -c ecsimg -n '__ecsimg_command list' -l no-color -d 'no colour (also NO_COLOR, TERM=dumb, or stdout not a terminal)'
complete -c ecsimg -n '__ecsimg_command list' -s q -l quiet -d 'no spinner, hints or summary line'
complete -c ecsimg -n '__ecsimg_command list' -s h -l help -d 'show help'

# ecsimg show
complete -c ecsimg -n '__ecsimg_command show' -l family -x -d 'instead of ids: the newest Available image of this image family in each --region (DescribeImageFromFamily)'
complete -c ecsimg -n '__ecsimg_command show' -s r -l region -x -a '(__ecsimg_items 0 cn-hangzhou cn-shanghai cn-beijing cn-zhangjiakou cn-huhehaote cn-wulanchabu cn-qingdao cn-shenzhen cn-heyuan cn-guangzhou cn-chengdu cn-hongkong ap-northeast-1 ap-northeast-2 ap-southeast-1 ap-southeast-3 ap-southeast-5 ap-southeast-6 ap-southeast-7 ap-south-1 us-east-1 us-west-1 eu-west-1 eu-central-1 me-east-1 me-central-1 all)' -d 'region id, a comma-separated list, or \'all\' (every region DescribeRegions names)'
complete -c ecsimg -n '__ecsimg_command show' -s p -l profile -x -a '(__ecsimg_profiles)' -d 'profile in ~/.aliyun/config.json'
complete -c ecsimg -n '__ecsimg_command show' -l endpoint -x -d 'API endpoint (default https://ecs.<region>.aliyuncs.com)'
complete -c ecsimg -n '__ecsimg_command show' -s o -l output -x -a 'table json ndjson csv tsv' -d 'output format: table, json, ndjson, csv, tsv (default table)'
complete -c ecsimg -n '__ecsimg_command show' -l timeout -x -d 'per-request timeout (default 10)'
complete -c ecsimg -n '__ecsimg_command show' -l retries -x -d 'retries of a request that may succeed later (default 3)'
complete -c ecsimg -n '__ecsimg_command show' -l debug -d 'log requests and responses to stderr, secrets redacted; stack traces'
complete -c ecsimg -n '__ecsimg_command show' -l no-color -d 'no colour (also NO_COLOR, TERM=dumb, or stdout not a terminal)'
complete -c ecsimg -n '__ecsimg_command show' -s q -l quiet -d 'no spinner, hints or summary line'
complete -c ecsimg -n '__ecsimg_command show' -s h -l help -d 'show help'

# ecsimg wait
complete -c ecsimg -n '__ecsimg_command wait' -l name -x -d 'instead of ids: an image of exactly this name in every --region (a CopyImage fan-out)'
complete -c ecsimg -n '__ecsimg_command wait' -l status -x -a '(__ecsimg_items 0 Creating Waiting Available UnAvailable CreateFailed Deprecated all)' -d 'the status to wait for: Creating, Waiting, Available, UnAvailable, CreateFailed, Deprecated (default Available)'
complete -c ecsimg -n '__ecsimg_command wait' -l max-wait -x -d 'give up after this long, exit 6: seconds or with s, m, h (default 30m); 0 checks once'
complete -c ecsimg -n '__ecsimg_command wait' -l interval -x -d 'time between polls (default 15s)'
complete -c ecsimg -n '__ecsimg_command wait' -l concurrency -x -d 'requests in flight at once (default 8)'
complete -c ecsimg -n '__ecsimg_command wait' -l columns -x -a '(__ecsimg_items 0 ImageId ImageName ImageVersion ImageFamily Description Size ImageOwnerAlias ImageOwnerId IsSupportIoOptimized IsSupportCloudinit OSName OSNameEn OSType Platform Architecture Status Progress Usage CreationTime ProductCode IsCopied IsSubscribed IsSelfShared BootMode Tags DiskDeviceMappings DetectionOptions Features ImportImageOptions LicenseType LoginAsNonRootSupported SupplierName IsPublic ResourceGroupId RegionId)' -d 'fields to print, comma-separated (json/ndjson keep only these)'
complete -c ecsimg -n '__ecsimg_command wait' -l no-header -d 'no header row in table/csv/tsv'
complete -c ecsimg -n '__ecsimg_command wait' -s r -l region -x -a '(__ecsimg_items 0 cn-hangzhou cn-shanghai cn-beijing cn-zhangjiakou cn-huhehaote cn-wulanchabu cn-qingdao cn-shenzhen cn-heyuan cn-guangzhou cn-chengdu cn-hongkong ap-northeast-1 ap-northeast-2 ap-southeast-1 ap-southeast-3 ap-southeast-5 ap-southeast-6 ap-southeast-7 ap-south-1 us-east-1 us-west-1 eu-west-1 eu-central-1 me-east-1 me-central-1 all)' -d 'region id, a comma-separated list, or \'all\' (every region DescribeRegions names)'
complete -c ecsimg -n '__ecsimg_command wait' -s p -l profile -x -a '(__ecsimg_profiles)' -d 'profile in ~/.aliyun/config.json'
complete -c ecsimg -n '__ecsimg_command wait' -l endpoint -x -d 'API endpoint (default https://ecs.<region>.aliyuncs.com)'
complete -c ecsimg -n '__ecsimg_command wait' -s o -l output -x -a 'table json ndjson csv tsv' -d 'output format: table, json, ndjson, csv, tsv (default table)'
complete -c ecsimg -n '__ecsimg_command wait' -l timeout -x -d 'per-request timeout (default 10)'
complete -c ecsimg -n '__ecsimg_command wait' -l retries -x -d 'retries of a request that may succeed later (default 3)'
complete -c ecsimg -n '__ecsimg_command wait' -l debug -d 'log requests and responses to stderr, secrets redacted; stack traces'
complete -c ecsimg -n '__ecsimg_command wait' -l no-color -d 'no colour (also NO_COLOR, TERM=dumb, or stdout not a terminal)'
complete -c ecsimg -n '__ecsimg_command wait' -s q -l quiet -d 'no spinner, hints or summary line'
complete -c ecsimg -n '__ecsimg_command wait' -s h -l help -d 'show help'

# ecsimg regions
complete -c ecsimg -n '__ecsimg_command regions' -l columns -x -a '(__ecsimg_items 0 RegionId LocalName RegionEndpoint Status)' -d 'fields for table/csv/tsv (json/ndjson keep only these): RegionId, LocalName, RegionEndpoint, Status'
complete -c ecsimg -n '__ecsimg_command regions' -l no-header -d 'no header row in table/csv/tsv'
complete -c ecsimg -n '__ecsimg_command regions' -l query -x -d 'JMESPath over the JSON array; printed as JSON with -o json/ndjson, as text rows otherwise'
complete -c ecsimg -n '__ecsimg_command regions' -s r -l region -x -a '(__ecsimg_items 0 cn-hangzhou cn-shanghai cn-beijing cn-zhangjiakou cn-huhehaote cn-wulanchabu cn-qingdao cn-shenzhen cn-heyuan cn-guangzhou cn-chengdu cn-hongkong ap-northeast-1 ap-northeast-2 ap-southeast-1 ap-southeast-3 ap-southeast-5 ap-southeast-6 ap-southeast-7 ap-south-1 us-east-1 us-west-1 eu-west-1 eu-central-1 me-east-1 me-central-1 all)' -d 'the region whose endpoint answers (the first of a list; default the central endpoint)'
complete -c ecsimg -n '__ecsimg_command regions' -s p -l profile -x -a '(__ecsimg_profiles)' -d 'profile in ~/.aliyun/config.json'
complete -c ecsimg -n '__ecsimg_command regions' -l endpoint -x -d 'API endpoint (default https://ecs.<region>.aliyuncs.com)'
complete -c ecsimg -n '__ecsimg_command regions' -s o -l output -x -a 'table json ndjson csv tsv' -d 'output format: table, json, ndjson, csv, tsv (default table)'
complete -c ecsimg -n '__ecsimg_command regions' -l timeout -x -d 'per-request timeout (default 10)'
complete -c ecsimg -n '__ecsimg_command regions' -l retries -x -d 'retries of a request that may succeed later (default 3)'
complete -c ecsimg -n '__ecsimg_command regions' -l debug -d 'log requests and responses to stderr, secrets redacted; stack traces'
complete -c ecsimg -n '__ecsimg_command regions' -l no-color -d 'no colour (also NO_COLOR, TERM=dumb, or stdout not a terminal)'
complete -c ecsimg -n '__ecsimg_command regions' -s q -l quiet -d 'no spinner, hints or summary line'
complete -c ecsimg -n '__ecsimg_command regions' -s h -l help -d 'show help'

# ecsimg completion
complete -c ecsimg -n '__ecsimg_command completion' -s h -l help -d 'show help'
complete -c ecsimg -n '__ecsimg_argument completion 1' -a 'bash zsh fish' -d 'bash, zsh or fish'

# ecsimg emulator
complete -c ecsimg -n '__ecsimg_command emulator' -s r -l region -x -a '(__ecsimg_items 0 cn-hangzhou cn-shanghai cn-beijing cn-zhangjiakou cn-huhehaote cn-wulanchabu cn-qingdao cn-shenzhen cn-heyuan cn-guangzhou cn-chengdu cn-hongkong ap-northeast-1 ap-northeast-2 ap-southeast-1 ap-southeast-3 ap-southeast-5 ap-southeast-6 ap-southeast-7 ap-south-1 us-east-1 us-west-1 eu-west-1 eu-central-1 me-east-1 me-central-1 all)' -d 'the region the printed environment names (default cn-hangzhou); with --catalogue, also the region of rows without RegionId'
complete -c ecsimg -n '__ecsimg_command emulator' -l port -x -d 'port to listen on; 0 picks a free one (default 8787)'
complete -c ecsimg -n '__ecsimg_command emulator' -l host -x -d 'address to bind (default 127.0.0.1)'
complete -c ecsimg -n '__ecsimg_command emulator' -l images-per-region -x -d 'system images per region'
complete -c ecsimg -n '__ecsimg_command emulator' -l catalogue -x -d 'serve exactly the images in file, written by `ecsimg list --region all --status all -o json`; rows without RegionId go to --region'
complete -c ecsimg -n '__ecsimg_command emulator' -l creating -x -d 'n images per region (creating-1..n) in Creating, Progress rising, Available after seconds; the last failed of them CreateFailed'
complete -c ecsimg -n '__ecsimg_command emulator' -l latency -x -d 'fault: delay every answer by ms milliseconds'
complete -c ecsimg -n '__ecsimg_command emulator' -l throttle -x -d 'fault: Throttling.User for the first n requests (first:3) or a seeded share of them (30%)'
complete -c ecsimg -n '__ecsimg_command emulator' -l fail -x -d 'fault: JSON error for the next n requests, status 500 (InternalError) or 503 (ServiceUnavailable), e.g. 2:503'
complete -c ecsimg -n '__ecsimg_command emulator' -l html-errors -x -d 'fault: an nginx HTML page, 502 or 503, for every request (502) or the next n (1:502)'
complete -c ecsimg -n '__ecsimg_command emulator' -l hang-after -x -d 'fault: answer n requests, then accept the rest and never answer'
complete -c ecsimg -n '__ecsimg_command emulator' -l retry-after -x -d 'fault: send x-acs-retry-after: ms with throttled and 5xx answers'
complete -c ecsimg -n '__ecsimg_command emulator' -l churn -x -d 'fault: after that many DescribeImages requests, a region gains add newest images and loses remove, e.g. 1:5:3'
complete -c ecsimg -n '__ecsimg_command emulator' -l paging-fault -x -d 'fault: DescribeImages pages that do not add up: short-page:<n>, empty-page:<n>, lost-image:<n>, ignore-page-number, overlap:<n>, duplicate-in-page, total-count-lies:+<n>'
complete -c ecsimg -n '__ecsimg_command emulator' -l bad-regions -d 'fault: DescribeRegions also lists entries that are not region ids (5, null, none, evil.example.com#) and a region twice'
complete -c ecsimg -n '__ecsimg_command emulator' -l fault-regions -x -a '(__ecsimg_items 0 cn-qingdao cn-beijing cn-zhangjiakou cn-huhehaote cn-hangzhou cn-shanghai cn-shenzhen cn-chengdu cn-hongkong ap-northeast-1 ap-southeast-1 ap-southeast-5 us-west-1 us-east-1 eu-central-1 eu-west-1)' -d 'apply the fault flags above only to these regions, comma-separated'
complete -c ecsimg -n '__ecsimg_command emulator' -l expired-credentials -d 'fault: STS, metadata service and credentials URI hand out credentials already expired (the ECS API refuses them)'
complete -c ecsimg -n '__ecsimg_command emulator' -l credentials-ttl -x -d 'fault: STS, metadata service and credentials URI hand out credentials that expire in s seconds'
complete -c ecsimg -n '__ecsimg_command emulator' -l assume-role-denied -d 'fault: AssumeRole answers NoPermission, AssumeRoleWithOIDC AuthenticationFail.NoPermission'
complete -c ecsimg -n '__ecsimg_command emulator' -l imds-v2-only -d 'the metadata service refuses requests without a session token (IMDSv2 only), 403'
complete -c ecsimg -n '__ecsimg_command emulator' -l down -x -d 'fault: these services (sts, metadata, credentials-uri) answer 503, or with :close close the connection, e.g. metadata:close,sts'
complete -c ecsimg -n '__ecsimg_command emulator' -s h -l help -d 'show help'

# ecsimg help
complete -c ecsimg -n '__ecsimg_command help' -s h -l help -d 'show help'
complete -c ecsimg -n '__ecsimg_argument help 1' -a 'list show wait regions completion emulator help' -d 'a command or a help topic'
