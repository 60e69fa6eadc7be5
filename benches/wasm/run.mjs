// Times the wasm build of matching under Node: node run.mjs <module.wasm> <data dir> <resume.json>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [wasmPath, dataDir, resumePath] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const wasm = instance.exports;

function load(kind, bytes) {
  const ptr = wasm.alloc(bytes.length);
  new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
  return wasm.load(kind, ptr);
}

load(0, readFileSync(resumePath));
const fullList = [
  ...JSON.parse(readFileSync(join(dataDir, 'full_2025-11_it_100.json'), 'utf8')),
  ...JSON.parse(readFileSync(join(dataDir, 'full_2023-04_nonit_69.json'), 'utf8')),
];
const full = load(1, Buffer.from(JSON.stringify(fullList)));
const cards = load(2, readFileSync(join(dataDir, 'search_items_2026-03_896.json')));

function time(name, fn, items, rounds) {
  fn(1); // warm up
  const start = performance.now();
  const checksum = fn(rounds);
  const seconds = (performance.now() - start) / 1000;
  const perSecond = Math.round((items * rounds) / seconds);
  console.log(`wasm ${name}: ${items * rounds} scores in ${seconds.toFixed(3)} s = ${perSecond} /s (checksum ${checksum})`);
}

time('full vacancies', wasm.score_full, full, 50);
time('cards', wasm.score_cards, cards, 50);
