"""Reads the image .ci/image-check pushed to a loopback registry and checks it against what the service needs.

Usage: image-check.py <registry URL> <repository> <tag> <base layer tar>
"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile
import urllib.request

registry, repository, tag, base_layer = sys.argv[1:5]
MANIFESTS = ", ".join(["application/vnd.oci.image.manifest.v1+json",
                       "application/vnd.docker.distribution.manifest.v2+json"])
failures = []


def get(path, accept=None):
    request = urllib.request.Request(registry + path, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def check(condition, message):
    if not condition:
        failures.append(message)


manifest = json.loads(get(f"/v2/{repository}/manifests/{tag}", MANIFESTS))
config = json.loads(get(f"/v2/{repository}/blobs/{manifest['config']['digest']}"))
container = config["config"]

check(container.get("User") == "185", f"user 185, not {container.get('User')}")
check(container.get("Entrypoint") == ["/opt/jboss/container/java/run/run-java.sh"],
      f"the base image's run-java.sh as entrypoint, not {container.get('Entrypoint')}")
check(set(container.get("ExposedPorts", {})) == {"8080/tcp", "9000/tcp"},
      f"ports 8080 and 9000, not {sorted(container.get('ExposedPorts', {}))}")
check(container.get("WorkingDir") == "/deployments",
      f"working directory /deployments, not {container.get('WorkingDir')}")
env = dict(item.split("=", 1) for item in container.get("Env", []))
check(env.get("JAVA_APP_JAR") == "/deployments/quarkus-run.jar", f"JAVA_APP_JAR, not {env.get('JAVA_APP_JAR')}")
check("-Djava.io.tmpdir=/tmp" in env.get("JAVA_OPTS_APPEND", ""), "the temporary directory on /tmp")
check(env.get("PATH", "").startswith("/usr/local/bin"), "the base image's environment kept")
check(env.get("JAVA_TOOL_OPTIONS") == "-XX:SharedArchiveFile=app-cds.jsa",
      f"the JVM started from the AppCDS archive, not JAVA_TOOL_OPTIONS={env.get('JAVA_TOOL_OPTIONS')}")

with open(base_layer, "rb") as layer:
    base_diff_id = "sha256:" + hashlib.sha256(layer.read()).hexdigest()
check(config["rootfs"]["diff_ids"][0] == base_diff_id, "the base image's layer first, unchanged")

files = {}
layers_of = {}
for index, layer in enumerate(manifest["layers"][1:], start=1):
    blob = get(f"/v2/{repository}/blobs/{layer['digest']}")
    data = gzip.decompress(blob) if blob[:2] == b"\x1f\x8b" else blob
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            name = member.name.lstrip("./")
            if not name:
                continue
            check(name == "deployments" or name.startswith("deployments/"), f"{name}: outside /deployments")
            check(member.uid == 0, f"{name}: owned by {member.uid}, not root: the service must not write there")
            check(member.mode & 0o022 == 0, f"{name}: writable by group or others ({oct(member.mode)})")
            if member.isfile():
                files[name[len("deployments/"):]] = member.size
                layers_of[name[len("deployments/"):]] = index

app = "target/quarkus-app"
expected = {}
for root, _, names in os.walk(app):
    for name in names:
        path = os.path.join(root, name)
        expected[os.path.relpath(path, app)] = os.path.getsize(path)
expected.pop("quarkus-app-dependencies.txt", None)
missing = sorted(set(expected) - set(files))
check(not missing, f"files of the fast-jar missing from the image: {missing[:5]}")
check(all(files.get(name) == size for name, size in expected.items() if name in files),
      "files of the image differ in size from the fast-jar's")
check("quarkus-run.jar" in files, "the fast-jar's launcher in /deployments")
check("app-cds.jsa" in files, "the AppCDS archive in /deployments, beside the launcher")
app_jar = [name for name in files if name.startswith("app/")]
library = [name for name in files if name.startswith("lib/main/")]
check(app_jar and library and {layers_of[n] for n in app_jar}.isdisjoint({layers_of[n] for n in library}),
      "the application in a layer of its own, apart from its libraries (which change less often)")

if failures:
    print("The image is not what the service needs:")
    for failure in failures:
        print("  - " + failure)
    sys.exit(1)
print(f"Image {repository}:{tag} ({len(manifest['layers'])} layers, {len(files)} files): user 185, entrypoint"
      f" run-java.sh, ports 8080 and 9000, the fast-jar and its AppCDS archive in /deployments owned by root and"
      f" read-only, the application in a layer of its own")
