import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 13, item 8: the README's commands work in a fresh clone with nothing beside it (no
// ../shared). The clone is `git clone` of this repository into a temp folder of its own, with the
// checkout's uncommitted files laid over it (new files not ignored, edits, deletions), so that it
// holds what a commit of this checkout would: on CI's clean clone, exactly HEAD. node_modules is
// linked rather than installed again.

const README = readFileSync('README.md', 'utf8');

/** The README's fenced code blocks, with the language written after the opening fence. */
function codeBlocks(): { lang: string; text: string }[] {
  const blocks: { lang: string; text: string }[] = [];
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of README.split('\n')) {
    if (line.startsWith('```')) {
      if (open) {
        blocks.push({ lang: open.lang, text: open.lines.join('\n') });
        open = undefined;
      } else open = { lang: line.slice(3).trim(), lines: [] };
    } else open?.lines.push(line);
  }
  return blocks;
}

/** The shell commands of the sh blocks in one section, comments and blank lines left out. */
function commandsOf(section: string): string[] {
  const start = README.indexOf(`\n## ${section}\n`);
  const end = README.indexOf('\n## ', start + 1);
  const inSection = README.slice(start, end < 0 ? undefined : end);
  return codeBlocks()
    .filter((b) => b.lang === 'sh' && inSection.includes(b.text))
    .flatMap((b) =>
      b.text
        .split('\n')
        .map((l) => l.replace(/\s+#\s.*$/, '').trim())
        .filter((l) => l && !l.startsWith('#')),
    );
}

let clone: string;
beforeAll(() => {
  const parent = mkdtempSync(join(tmpdir(), 'factbot-clone-'));
  clone = join(parent, 'factbot');
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  git('clone', '--quiet', '--no-hardlinks', resolve('.'), clone);
  for (const f of git('ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean)) {
    if (existsSync(f)) {
      mkdirSync(join(clone, dirname(f)), { recursive: true });
      cpSync(f, join(clone, f));
    } else rmSync(join(clone, f), { force: true }); // deleted, not yet committed
  }
  symlinkSync(resolve('node_modules'), join(clone, 'node_modules'));
  // What the commands leave in the temp folder (the bench's corpora) goes with the clone.
  mkdirSync(join(parent, 'tmp'));
}, 60_000);
afterAll(() => rmSync(dirname(clone), { recursive: true, force: true }));

/** Runs a README line in the clone with bash, as a user would type it. */
function sh(line: string, opts: { until?: RegExp } = {}): Promise<{ status: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-c', line], { cwd: clone, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'development', TMPDIR: join(dirname(clone), 'tmp') } });
    let out = '';
    let ended = false;
    const end = (status: number | null) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      done({ status, out });
    };
    // The command and its children (npm, tsx) are one process group, stopped together.
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(stop, 150_000);
    const take = (d: Buffer) => {
      out += d.toString();
      if (opts.until?.test(out)) {
        stop();
        end(0);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (status) => end(status));
  });
}

describe('the clone has nothing beside it', () => {
  it('has no ../shared, and the README shows no command that reads it', () => {
    expect(existsSync(join(clone, '..', 'shared'))).toBe(false);
    expect(codeBlocks().filter((b) => b.text.includes('../shared'))).toEqual([]);
    expect(readFileSync('package.json', 'utf8')).not.toContain('../shared');
  });
});

describe.concurrent("the README's Measuring commands work in the clone", () => {
  const commands = commandsOf('Measuring');
  it('shows the scoring commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['npm run score', expect.stringMatching(/^scripts\/score-set\.sh /)]));
  });

  it.each(commandsOf('Measuring'))('%s', async (line) => {
    const r = await sh(line);
    expect(r.status, r.out).toBe(0);
    // Every question answered by `ask --json` and read back; the run itself exited 0.
    expect(r.out, r.out).toMatch(/top1 (0\.\d+|1) \(\d+\/\d+\).* unparsed 0 {2}exit 0 /);
    const top1 = Number(/top1 ([\d.]+)/.exec(r.out)![1]);
    expect(top1).toBeGreaterThan(0.7);
  });

  it('npm run bench -- --quick reads its questions from the project and measures (stopped after the first row)', async () => {
    const r = await sh('npm run bench -- --quick', { until: /\n\s+build \| \d+ reports/ });
    expect(r.out).toMatch(/factbot bench: \d+ questions from eval\/dev-qa\.jsonl/);
    expect(r.out).toMatch(/build \| 5 reports, \d+ facts/);
  });
});
