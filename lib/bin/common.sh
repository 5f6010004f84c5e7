# Shared by lib/bin/setup, lab, test and export: checks, host detection and the setup steps.
# Each step is idempotent and fast when nothing changed. Source it; don't run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/build"
VENV="${DLNB_VENV:-$ROOT/.venv}"
KERNEL_NAME="dl-notebooks"
# The one place the library version is written is pom.xml (the parent's <version>, inherited by lib/).
# The OpenML files the project ships (lib/src/test/data, checked by SHA-256 before use) are the last mirror of every
# tool, so problem 2 runs, grades, exports and builds into the book offline from any clone; mirrors you name come first.
export DLNB_DATA_MIRROR="${DLNB_DATA_MIRROR:+$DLNB_DATA_MIRROR:}$ROOT/lib/src/test/data"
LIB_VERSION=$(awk '/<artifactId>dl-notebooks<\/artifactId>/ {getline; gsub(/.*<version>|<\/version>.*/, ""); print; exit}' "$ROOT/pom.xml")

# Messages go to stderr, so commands' own output stays clean.
say() { printf '%s\n' "$*" >&2; }
die() { printf 'dl-notebooks: %s\n' "$*" >&2; exit 1; }

# --- prerequisites -----------------------------------------------------------------------------

# Java 17+ with javac; sets JAVA_MAJOR (the kernel's display name shows it).
require_java() {
    command -v java >/dev/null 2>&1 || die "Java not found: install a JDK 17 or newer (e.g. 'apt-get install openjdk-17-jdk' or 'brew install openjdk@17') and put it on PATH."
    command -v javac >/dev/null 2>&1 || die "javac not found: a JRE is not enough, install a JDK 17 or newer."
    JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    [ "${JAVA_MAJOR%%.*}" -ge 17 ] 2>/dev/null || die "Java $JAVA_MAJOR found but 17 or newer is needed: install a JDK 17+ and put it first on PATH (or set JAVA_HOME)."
}

# The Python used to create the project virtualenv (not used when DLNB_ACTIVE_PYTHON=1, e.g. on Binder).
require_python() {
    PYTHON="${DLNB_PYTHON:-}"
    if [ -z "$PYTHON" ]; then
        for p in python3 python; do
            if command -v "$p" >/dev/null 2>&1; then PYTHON=$(command -v "$p"); break; fi
        done
    fi
    [ -n "$PYTHON" ] || die "Python 3 not found: install Python 3.9 or newer (e.g. 'apt-get install python3 python3-venv' or 'brew install python')."
    "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
        || die "$("$PYTHON" --version 2>&1) found at $PYTHON but 3.9 or newer is needed (set DLNB_PYTHON to another interpreter)."
    "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
        || die "$PYTHON cannot create virtualenvs: install its venv module (Debian/Ubuntu: 'apt-get install python3-venv')."
}

# Maven: the one on PATH if >= 3.6.3, else the standard Maven wrapper (./mvnw: downloads the pinned Maven once, checksum verified).
require_maven() {
    if command -v mvn >/dev/null 2>&1; then
        local v
        v=$(mvn -v 2>/dev/null | sed -n 's/.*Apache Maven \([0-9][0-9.]*\).*/\1/p' | head -1)
        if printf '3.6.3\n%s\n' "$v" | sort -V -C; then MVN=mvn; return; fi
    fi
    command -v unzip >/dev/null 2>&1 || die "no Maven 3.6.3+ found, and the Maven wrapper needs unzip to install one: install Maven ('apt-get install maven', 'brew install maven') or unzip."
    MVN="$ROOT/mvnw"
}

# --- host detection ----------------------------------------------------------------------------

# JavaCPP platform and the ND4J native build for this machine (oneDNN where one exists).
detect_platform() {
    local os arch
    os=$(uname -s); arch=$(uname -m)
    case "$os/$arch" in
        Linux/x86_64)
            JAVACPP_PLATFORM=linux-x86_64
            if grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
                # The -avx512 builds crash on CPUs without AVX-512; the avx2 build runs on both.
                ND4J_CLASSIFIER=linux-x86_64-onednn-avx2
            else
                ND4J_CLASSIFIER=linux-x86_64-onednn
            fi ;;
        Linux/aarch64|Linux/arm64) JAVACPP_PLATFORM=linux-arm64; ND4J_CLASSIFIER=linux-arm64 ;;
        Darwin/x86_64)
            JAVACPP_PLATFORM=macosx-x86_64
            if sysctl -n machdep.cpu.leaf7_features 2>/dev/null | grep -qw AVX2; then
                ND4J_CLASSIFIER=macosx-x86_64-onednn-avx2
            else
                ND4J_CLASSIFIER=macosx-x86_64-onednn
            fi ;;
        Darwin/arm64) JAVACPP_PLATFORM=macosx-arm64; ND4J_CLASSIFIER=macosx-arm64 ;;
        *) die "unsupported platform $os/$arch: ND4J natives exist for Linux x86-64/arm64 and macOS Intel/Apple Silicon." ;;
    esac
    MVN_PLATFORM_ARGS=("-Djavacpp.platform=$JAVACPP_PLATFORM" "-Dnd4j.classifier=$ND4J_CLASSIFIER")
}

# Memory available to us in MiB: the cgroup limit (containers, Binder) if lower than physical RAM.
memory_mib() {
    local mem limit
    if [ -r /proc/meminfo ]; then
        mem=$(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo)
    else
        mem=$(( $(sysctl -n hw.memsize) / 1048576 ))
    fi
    for f in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
        if [ -r "$f" ]; then
            limit=$(cat "$f")
            if [ "$limit" != max ] && [ "$limit" -gt 0 ] 2>/dev/null && [ $((limit / 1048576)) -lt "$mem" ]; then
                mem=$((limit / 1048576))
            fi
        fi
    done
    echo "$mem"
}

# clamp VALUE LOW HIGH: VALUE limited to [LOW, HIGH].
clamp() { local v=$1 lo=$2 hi=$3; [ "$v" -lt "$lo" ] && v=$lo; [ "$v" -gt "$hi" ] && v=$hi; echo "$v"; }

# Environment of the kernel (and the benchmark) for the native code, one NAME=value per line:
# - OMP_WAIT_POLICY=PASSIVE (unless already set; set but empty: libgomp's default): idle OpenMP threads
#   sleep instead of spinning (2.6-3x faster small nets). Waking them costs a futex round trip per parallel
#   op, which is why small conv nets train faster on one thread (Dl4jRuntime.useThreads(1)).
# - glibc malloc keeps freed native buffers for reuse instead of handing them back to the OS: by default
#   every buffer over 32 MB (oneDNN's and ND4J's temporaries for a batch) is a fresh mmap whose pages the
#   kernel zero-fills on first touch, 6% of Inception-small's inference time in page faults. One arena
#   (native threads share the main heap), no mmap, and only free space over 256 MB at the heap's top is
#   returned. Other C libraries ignore these variables.
# - OPENBLAS_CORETYPE (Linux x86-64, unless already set): the OpenBLAS kernels for this CPU's vector width.
#   OpenBLAS picks them from the CPU's model number, which virtual machines may hide or vary: on this
#   project's Xeon VMs ND4J's OpenBLAS 0.3.19 fell back to its SSE3 "Prescott" kernels (and Debian's 0.3.21
#   did so in some runs); forced to SkylakeX, a 64x784x64 product took 130-160 instead of 180-210 us.
kernel_env() {
    printf '%s\n' "OMP_WAIT_POLICY=${OMP_WAIT_POLICY-PASSIVE}" MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=268435456
    local core
    core=$(openblas_coretype)
    [ -n "$core" ] && printf 'OPENBLAS_CORETYPE=%s\n' "$core"
    return 0
}

# The OpenBLAS core type matching this CPU's flags (empty: let OpenBLAS detect it).
openblas_coretype() {
    [ -n "${OPENBLAS_CORETYPE:-}" ] && { echo "$OPENBLAS_CORETYPE"; return; }
    [ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] || return 0
    local flags
    flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
    if [[ " $flags " == *" avx512f "* && " $flags " == *" avx512bw "* && " $flags " == *" avx512vl "* && " $flags " == *" avx512dq "* ]]; then
        echo SkylakeX
    elif [[ " $flags " == *" avx2 "* && " $flags " == *" fma "* ]]; then
        echo Haswell
    fi
}

# JVM options for the kernel: bounded heap and off-heap (ND4J's arrays live off-heap), host natives,
# headless charts, quiet logs, DL4J's oneDNN helpers on. No resident-memory cap (maxphysicalbytes=0):
# with one, JavaCPP reads /proc/self/statm on every native allocation, which cost small networks a
# quarter of their speed (MLP 26-31k -> 36k images/s); the off-heap cap still bounds ND4J's arrays.
kernel_jvm_opts() {
    local mem heap offheap
    mem=$(memory_mib)
    heap=$(clamp $((mem / 4)) 512 8192)
    offheap=$(clamp $((mem / 2)) 1024 16384)
    echo "-Xmx${heap}m -Dorg.bytedeco.javacpp.maxbytes=${offheap}m -Dorg.bytedeco.javacpp.maxphysicalbytes=0" \
         "-Djavacpp.platform=$JAVACPP_PLATFORM -Dnd4j.classifier=$ND4J_CLASSIFIER -Djava.awt.headless=true" \
         "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.eclipse.deeplearning4j.helpers.disable=false"
}

# --- setup steps -------------------------------------------------------------------------------

# Pinned Python packages: the pip section of environment.yml (one list for the venv and Binder).
python_pins() {
    sed -n '/^ *- pip:/,$p' "$ROOT/environment.yml" | sed -n 's/^ *- \([A-Za-z0-9_.-]*==[^ #]*\).*/\1/p'
}

# The project virtualenv with the pinned packages (reinstalled when the pins change); sets PY and JUPYTER_PREFIX.
setup_venv() {
    if [ "${DLNB_ACTIVE_PYTHON:-0}" = 1 ]; then
        PY=$(command -v python3 || command -v python)
        JUPYTER_PREFIX=$("$PY" -c 'import sys; print(sys.prefix)')
        return
    fi
    require_python
    local stamp="$VENV/.dlnb-pins" pins
    pins=$(python_pins)
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the project virtualenv in $VENV"
        "$PYTHON" -m venv "$VENV" || die "could not create a virtualenv with $PYTHON (Debian/Ubuntu: 'apt-get install python3-venv')."
    fi
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$pins" ]; then
        say "Installing JupyterLab, nbclient, nbconvert and the JJava kernel into the virtualenv"
        # shellcheck disable=SC2086
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check $pins \
            || die "pip could not install the Jupyter packages (see above); check your connection to PyPI."
        echo "$pins" > "$stamp"
    fi
    PY="$VENV/bin/python"
    JUPYTER_PREFIX="$VENV"
}

# Builds and installs the helper jar (so notebooks' %maven line finds it) and writes the kernel classpath.
build_lib() {
    mkdir -p "$BUILD/kernel"
    local jar="$ROOT/lib/target/dlnb-$LIB_VERSION.jar" stamp="$BUILD/kernel/classpath.txt"
    local installed="$HOME/.m2/repository/org/dlnotebooks/dlnb/$LIB_VERSION/dlnb-$LIB_VERSION.jar"
    # The platform stamp also names the classpath's scope: classpaths written before it held test jars.
    if [ -f "$jar" ] && [ -f "$stamp" ] && [ -f "$installed" ] && [ "$(cat "$BUILD/kernel/platform" 2>/dev/null)" = "$ND4J_CLASSIFIER runtime" ] \
        && [ -z "$(find "$ROOT/pom.xml" "$ROOT/lib/pom.xml" "$ROOT/lib/src/main" -newer "$stamp" -print -quit)" ]; then
        KERNEL_CLASSPATH="$jar:$(cat "$stamp")"
        return  # nothing changed since the last build
    fi
    say "Building the helper library (lib/) and fetching its dependencies"
    local log="$BUILD/kernel/maven.log"
    (cd "$ROOT" && "$MVN" "${MVN_PLATFORM_ARGS[@]}" install -DskipTests \
        && "$MVN" "${MVN_PLATFORM_ARGS[@]}" -pl lib dependency:build-classpath \
            -Dmdep.outputFile="$BUILD/kernel/classpath.txt" -DincludeScope=runtime) > "$log" 2>&1 \
        || { grep -E 'ERROR|BUILD' "$log" | head -30 >&2; die "the Maven build failed (full log: $log)."; }
    # Runtime jars only (JUnit and other test jars stay off the kernel): the plugin's property is includeScope.
    grep -q 'junit' "$stamp" && die "test jars on the kernel classpath ($stamp): the dependency plugin ignored includeScope."
    echo "$ND4J_CLASSIFIER runtime" > "$BUILD/kernel/platform"
    touch "$stamp"  # the plugin leaves an unchanged classpath file as it was: mark this build as the newest
    KERNEL_CLASSPATH="$jar:$(cat "$stamp")"
    echo "$KERNEL_CLASSPATH" > "$BUILD/kernel/kernel-classpath.txt"  # for postBuild's warm-up and other tools
}

# The project kernelspec: JJava with the helper jar and its dependencies on the classpath (written by nbtools.py).
install_kernel() {
    local src="$JUPYTER_PREFIX/share/jupyter/kernels/java"
    [ -f "$src/jjava.jar" ] || die "the JJava kernel is missing from $src: rerun this command, or 'pip install jjava'."
    "$PY" "$ROOT/lib/bin/nbtools.py" kernelspec --jjava "$src" --dir "$JUPYTER_PREFIX/share/jupyter/kernels/$KERNEL_NAME" \
        --display-name "Java $JAVA_MAJOR · dl-notebooks" --classpath "$KERNEL_CLASSPATH" --jvm-opts "$(kernel_jvm_opts)" \
        --env "$(kernel_env)"
}

# JupyterLab in this environment offers only the project kernel: the plain JJava ("Java (jjava)") and
# Python kernels stay installed (tests and nbclient can still name them) but the Launcher and the
# kernel picker don't list them, so a new notebook gets the project kernel. nbgrader's Lab menus and
# server extensions (installed for lib/bin/student and lib/bin/grade) stay off for students; an instructor
# turns them on with DLNB_NBGRADER_UI=1 lib/bin/lab. The file sorts after nbgrader's own, so it wins.
hide_plain_kernels() {
    local dir="$JUPYTER_PREFIX/etc/jupyter/jupyter_server_config.d" on="${DLNB_NBGRADER_UI:-0}" text
    [ "$on" = 1 ] && on=true || on=false
    mkdir -p "$dir" "$JUPYTER_PREFIX/etc/jupyter/labconfig"
    rm -f "$dir/dl-notebooks.json"  # the name before nbgrader came along
    text=$(printf '{"KernelSpecManager": {"allowed_kernelspecs": ["%s"]}, "ServerApp": {"jpserver_extensions": {%s}}}' "$KERNEL_NAME" \
        "\"nbgrader.server_extensions.formgrader\": $on, \"nbgrader.server_extensions.assignment_list\": $on, \"nbgrader.server_extensions.course_list\": $on, \"nbgrader.server_extensions.validate_assignment\": $on")
    [ "$(cat "$dir/zz-dl-notebooks.json" 2>/dev/null)" = "$text" ] || printf '%s\n' "$text" > "$dir/zz-dl-notebooks.json"
    # no news pop-up either: it asks to fetch Jupyter's news feed, which offline machines cannot reach
    text=$(printf '{"disabledExtensions": {"@jupyter/nbgrader": %s, "@jupyterlab/apputils-extension:announcements": true}}' \
        "$([ "$on" = true ] && echo false || echo true)")
    [ "$(cat "$JUPYTER_PREFIX/etc/jupyter/labconfig/page_config.json" 2>/dev/null)" = "$text" ] \
        || printf '%s\n' "$text" > "$JUPYTER_PREFIX/etc/jupyter/labconfig/page_config.json"
}

# Git compares notebooks in their committed form (.gitattributes, lib/bin/nbnormalize): opening one in
# JupyterLab rewrites the kernel's metadata with this machine's JDK build, which must not show as a change.
register_notebook_filter() {
    command -v git >/dev/null 2>&1 && git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 0
    [ "$(git -C "$ROOT" config --get filter.dlnb-notebook.clean)" = "lib/bin/nbnormalize" ] \
        || git -C "$ROOT" config filter.dlnb-notebook.clean "lib/bin/nbnormalize"
}

# Everything the notebooks need, each step skipped when already done.
setup_all() {
    local t0=$SECONDS
    require_java
    require_maven
    detect_platform
    setup_venv
    build_lib
    install_kernel
    hide_plain_kernels
    register_notebook_filter
    say "Setup done in $((SECONDS - t0)) s: kernel '$KERNEL_NAME' ($ND4J_CLASSIFIER natives) in $JUPYTER_PREFIX"
}
