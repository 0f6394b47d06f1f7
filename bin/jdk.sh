# Sourced by ./plumbline, ./run-tests and .ci/run: finds a JDK >= 21 and exports JAVA_HOME.
# Why a script: the machines this runs on have Java 17 as the default `java`, with newer JDKs
# installed beside it, and Maven (through ./mvnw) takes whichever JAVA_HOME points at.

plumbline_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing if it is not a JDK.
  local home=$1 line
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    line=$(grep -E '^JAVA_VERSION=' "$home/release" | head -n 1)
    line=${line#JAVA_VERSION=\"}
  else
    line=$("$home/bin/java" -version 2>&1 | head -n 1 | sed -E 's/.*version "([^"]+)".*/\1/')
  fi
  line=${line#1.}
  echo "${line%%[.\"+-]*}"
}

plumbline_find_jdk() {
  local min=21 best="" best_major=0 candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    major=$(plumbline_java_major "$candidate")
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    # JAVA_HOME wins when it is new enough; otherwise take the newest JDK found.
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge "$min" ]; then
      best=$candidate; break
    fi
    if [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "plumbline: needs a JDK $min or newer (java and javac); none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
    echo "plumbline: install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}
