#!/usr/bin/env python3
"""Runs the steps of a GitHub Actions job on this machine, as the runner would (issue 12).

usage: run-workflow.py WORKFLOW JOB ACTIONS_ROOT
The environment holds the job's stand-ins (REGISTRY, the token endpoint, ...); variables named in
WF_OVERRIDE (comma-separated) win over the workflow's own env. `uses: ./.github/actions/X` runs that
composite action's run: steps with its inputs (WF_INPUT_<NAME> override `with:`); other `uses:`
(checkout) are skipped: the checkout is this directory. GITHUB_ENV, GITHUB_PATH and GITHUB_OUTPUT work
between steps. ${{ ... }} expressions are replaced from WF_EXPR_<name> (dots as _), else emptied.
"""
import os, re, subprocess, sys, tempfile
import yaml

workflow, job_name, root = sys.argv[1:4]
wf = yaml.safe_load(open(workflow))
job = wf['jobs'][job_name]
env = dict(os.environ)
overrides = {k for k in os.environ.get('WF_OVERRIDE', '').split(',') if k}
tmp = tempfile.mkdtemp(prefix='wf-')
files = {n: os.path.join(tmp, n) for n in ('env', 'path', 'output')}


def expr(text, inputs):
    def sub(m):
        e = m.group(1).strip()
        if e.startswith('inputs.'):
            return inputs.get(e[len('inputs.'):], '')
        return os.environ.get('WF_EXPR_' + e.replace('.', '_').replace('-', '_'), '')
    return re.sub(r'\$\{\{(.*?)\}\}', sub, str(text))


def set_env(block, inputs):
    for k, v in (block or {}).items():
        if k not in overrides:
            env[k] = expr(v, inputs)


def run(script, name, inputs, step_env):
    for f in files.values():
        open(f, 'w').close()
    e = dict(env)
    for k, v in (step_env or {}).items():
        e[k] = expr(v, inputs)
    e.update(GITHUB_ENV=files['env'], GITHUB_PATH=files['path'], GITHUB_OUTPUT=files['output'])
    print(f'--- step: {name}', flush=True)
    r = subprocess.run(['bash', '-e', '-c', expr(script, inputs)], env=e, cwd=root)
    if r.returncode != 0:
        print(f'step failed ({r.returncode}): {name}', flush=True)
        sys.exit(1)
    for line in open(files['env']).read().splitlines():
        if '=' in line:
            k, v = line.split('=', 1)
            env[k] = v
    for line in open(files['path']).read().splitlines():
        if line:
            env['PATH'] = line + os.pathsep + env['PATH']


set_env(wf.get('env'), {})
set_env(job.get('env'), {})
for step in job['steps']:
    name = step.get('name') or step.get('uses') or step.get('run', '')[:40]
    if 'run' in step:
        run(step['run'], name, {}, step.get('env'))
    elif str(step.get('uses', '')).startswith('./'):
        action = yaml.safe_load(open(os.path.join(root, step['uses'], 'action.yml')))
        inputs = {k: str(v.get('default', '')) for k, v in action.get('inputs', {}).items()}
        inputs.update({k: expr(v, {}) for k, v in (step.get('with') or {}).items()})
        for k in list(inputs):
            o = os.environ.get('WF_INPUT_' + k.upper().replace('-', '_'))
            if o is not None:
                inputs[k] = o
        env['WF_EXPR_github_action_path'] = os.path.join(root, step['uses'])
        os.environ['WF_EXPR_github_action_path'] = env['WF_EXPR_github_action_path']
        for s in action['runs']['steps']:
            run(s['run'], f"{name}: {s.get('id', '')}", inputs, s.get('env'))
    else:
        print(f"--- skipped (the runner's own): {step.get('uses')}", flush=True)
print('workflow: all steps passed', flush=True)
