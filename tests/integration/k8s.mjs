// k8s.mjs - the deploy/ manifests as Kubernetes sees them, offline.
//
//   node k8s.mjs NPMDIR validate FILE...
//     validate every document against the Kubernetes API schemas
//     (kubernetes-models); print one line per document; exit 1 if any
//     is invalid.
//   node k8s.mjs NPMDIR podman-args FILE [VOLUME=HOSTPATH...]
//     print, one per line, the `podman run` arguments that run the first
//     container of FILE's pod template (DaemonSet, CronJob, Pod) with the
//     same host PID namespace, user, capabilities, read-only root,
//     no_new_privs, mounts (hostPath volumes, with VOLUME=HOSTPATH
//     overriding a volume's path; emptyDir as tmpfs) and environment
//     (spec.nodeName as $NODE_NAME), then the image, command and args.
//     Anything the template says that this cannot reproduce is an error.
//   node k8s.mjs NPMDIR pod FILE NAME [VOLUME=HOSTPATH...]
//     print FILE's pod template as a Pod named NAME for `podman kube play`
//     (podman 4.3 plays no DaemonSet): the same spec, with VOLUME=HOSTPATH
//     overriding a hostPath, IMAGE and ARGS (JSON) the container's image
//     and args, spec.nodeName given as $NODE_NAME's value, MOUNT
//     (HOSTPATH:PATH) one more read-only hostPath, and restartPolicy Never
//     (one scan).
import fs from 'node:fs';

const [npm, cmd, file, ...rest] = process.argv.slice(2);
const yaml = (await import(`${npm}/node_modules/js-yaml/index.js`)).default;
const docs = fs.readFileSync(file, 'utf8');
const die = (m) => { console.error(`k8s.mjs: ${m}`); process.exit(2); };

async function validate(files) {
  let bad = 0;
  for (const f of files) {
    for (const doc of yaml.loadAll(fs.readFileSync(f, 'utf8'))) {
      if (!doc) continue;
      const group = doc.apiVersion === 'v1' ? 'v1' : doc.apiVersion;
      let Cls;
      try {
        const mod = await import(`${npm}/node_modules/kubernetes-models/${group}/${doc.kind}.js`);
        Cls = mod[doc.kind];
      } catch (e) {
        console.log(`${f}: ${doc.apiVersion} ${doc.kind}: no schema (${e.message})`);
        bad++;
        continue;
      }
      try {
        new Cls(doc).validate();
        console.log(`${f}: ${doc.kind} ${doc.metadata?.name}: valid`);
      } catch (e) {
        console.log(`${f}: ${doc.kind} ${doc.metadata?.name}: ${e.message}`);
        bad++;
      }
    }
  }
  process.exit(bad ? 1 : 0);
}

function podSpec(doc) {
  switch (doc.kind) {
    case 'Pod': return doc.spec;
    case 'DaemonSet': case 'Deployment': return doc.spec.template.spec;
    case 'CronJob': return doc.spec.jobTemplate.spec.template.spec;
    default: die(`${doc.kind}: no pod template`);
  }
}

function podmanArgs(over) {
  const doc = yaml.loadAll(docs).find((d) => d && d.kind !== 'Namespace');
  const spec = podSpec(doc);
  const c = spec.containers[0];
  const sc = c.securityContext ?? {};
  const a = [];
  if (spec.hostPID) a.push('--pid=host');
  if (spec.hostNetwork || spec.hostIPC) die('hostNetwork/hostIPC not reproduced');
  if (sc.privileged) a.push('--privileged');
  if (sc.runAsUser !== undefined) a.push(`--user=${sc.runAsUser}:${sc.runAsGroup ?? 0}`);
  if (sc.readOnlyRootFilesystem) a.push('--read-only', '--read-only-tmpfs=false');
  if (sc.allowPrivilegeEscalation === false) a.push('--security-opt=no-new-privileges');
  for (const d of sc.capabilities?.drop ?? []) a.push(`--cap-drop=${d.toLowerCase()}`);
  for (const d of sc.capabilities?.add ?? []) a.push(`--cap-add=${d}`);
  const vols = Object.fromEntries((spec.volumes ?? []).map((v) => [v.name, v]));
  for (const m of c.volumeMounts ?? []) {
    const v = vols[m.name] ?? die(`volume ${m.name} not declared`);
    if (v.hostPath) {
      const src = over[m.name] ?? v.hostPath.path;
      if (v.hostPath.type === 'DirectoryOrCreate') fs.mkdirSync(src, { recursive: true });
      a.push(`--volume=${src}:${m.mountPath}:${m.readOnly ? 'ro' : 'rw'}`);
    } else if (v.emptyDir) {
      a.push(`--tmpfs=${m.mountPath}:rw,mode=1777`);
    } else {
      die(`volume ${m.name}: only hostPath and emptyDir are reproduced`);
    }
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) a.push(`--env=${e.name}=${e.value}`);
    else if (e.valueFrom?.fieldRef?.fieldPath === 'spec.nodeName') a.push(`--env=${e.name}=${over.NODE_NAME ?? 'node'}`);
    else die(`env ${e.name}: not reproduced`);
  }
  if (c.command) a.push(`--entrypoint=${c.command[0]}`);
  a.push(over.IMAGE ?? c.image);
  for (const x of (c.command ?? []).slice(1)) a.push(x);
  for (const x of over.ARGS !== undefined ? JSON.parse(over.ARGS) : (c.args ?? [])) a.push(x);
  console.log(a.join('\n'));
}

function pod(name, over) {
  const doc = yaml.loadAll(docs).find((d) => d && d.kind !== 'Namespace');
  const spec = structuredClone(podSpec(doc));
  const c = spec.containers[0];
  for (const v of spec.volumes ?? [])
    if (v.hostPath && over[v.name] !== undefined) {
      v.hostPath.path = over[v.name];
      if (v.hostPath.type === 'DirectoryOrCreate') fs.mkdirSync(over[v.name], { recursive: true });
    }
  if (over.IMAGE !== undefined) c.image = over.IMAGE;
  if (over.ARGS !== undefined) c.args = JSON.parse(over.ARGS);
  c.env = (c.env ?? []).map((e) => e.valueFrom?.fieldRef?.fieldPath === 'spec.nodeName' ?
    { name: e.name, value: over.NODE_NAME ?? 'node' } : e);
  if (over.MOUNT !== undefined) {
    const [h, m] = over.MOUNT.split(':');
    (spec.volumes ??= []).push({ name: 'extra', hostPath: { path: h, type: 'Directory' } });
    (c.volumeMounts ??= []).push({ name: 'extra', mountPath: m, readOnly: true });
  }
  spec.restartPolicy = 'Never';
  console.log(yaml.dump({ apiVersion: 'v1', kind: 'Pod',
    metadata: { name, labels: doc.spec.template?.metadata?.labels ?? {} }, spec }));
}

if (cmd === 'validate') await validate([file, ...rest]);
else if (cmd === 'pod') {
  const over = Object.fromEntries(rest.slice(1).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  pod(rest[0], over);
}
else if (cmd === 'podman-args') {
  const over = Object.fromEntries(rest.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  podmanArgs(over);
} else die(`unknown command ${cmd}`);
