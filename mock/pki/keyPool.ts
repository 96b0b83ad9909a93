import { webcrypto } from 'node:crypto';
import { availableParallelism } from 'node:os';

type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** RSA, because the documented TLS 1.2 suites are ECDHE-RSA. */
export const KEY_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

/** A new RSA-2048 key pair: OpenSSL on the libuv thread pool, so the event loop keeps serving. */
const generateRsa = () => webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

/**
 * Enough for a 3-node cluster's next start or reset with room to spare: the REST API's
 * certificate, the CA, three control-plane and three data-plane certificates, and the five
 * services' certificates the cluster object and the certificates API show.
 */
const DEFAULT_SIZE = 16;

/**
 * How long the pool waits after a take before refilling: a start or a reset takes its keys in a
 * burst and is then busiest serving its first requests; the refill leaves that moment alone (a
 * server killed and restarted over and over, as the crash check does, never pays for it).
 */
const DELAY_MS = 1_000;

/** The libuv thread pool's size, where WebCrypto makes keys: keys wanted now are made as many at once as it runs. */
const THREAD_POOL = Math.max(1, Number(process.env.UV_THREADPOOL_SIZE) || 4);

export interface KeyPoolOptions {
  readonly size?: number;
  readonly generate?: () => Promise<CryptoKeyPair>;
  /** How many pairs are made at once for takes waiting on an empty pool: as many as the thread pool runs, as without a pool. */
  readonly parallel?: number;
  /** How many at once when only refilling: one core fewer, so a 2-core machine keeps one for serving. */
  readonly background?: number;
  readonly delayMs?: number;
}

/**
 * Key pairs made ahead of need (decisions/0015-key-pool.md). `take` hands out each pair once and
 * forgets it, so no two certificates, and no two clusters, ever share a key. Each take has its
 * replacement made in the background, a moment after the burst of takes it belongs to began. Nothing is made
 * before the first take, and when the pool is full nothing runs at all: no work and no handle
 * (the delay's timer is unreferenced), so an idle pool never keeps the process alive. A take
 * from an empty pool waits for the next pair made rather than starting one more, so on-demand
 * keys and the refill are the same work.
 */
export class KeyPool {
  readonly size: number;
  readonly #generate: () => Promise<CryptoKeyPair>;
  readonly #parallel: number;
  readonly #background: number;
  readonly #delayMs: number;
  readonly #ready: CryptoKeyPair[] = [];
  /** Takes waiting for a pair, served in order. */
  readonly #waiting: { resolve: (k: CryptoKeyPair) => void; reject: (e: unknown) => void }[] = [];
  /** Callers of `filled`, told when the pool is full and idle. */
  #onFull: (() => void)[] = [];
  #making = 0;
  #topUp: NodeJS.Timeout | undefined;
  /** Whether the pool is refilling (asked by `filled`, or by the delay after a take), until it is full. */
  #refilling = false;
  /** Pairs asked for ahead by `warm` and not yet taken. */
  #warm = 0;
  /** False once `noMoreAhead` is called: pairs are then made only for takes waiting on an empty pool. */
  #ahead = true;

  constructor(options: KeyPoolOptions = {}) {
    this.size = options.size ?? DEFAULT_SIZE;
    this.#generate = options.generate ?? generateRsa;
    this.#parallel = options.parallel ?? THREAD_POOL;
    this.#background = options.background ?? Math.max(1, Math.min(THREAD_POOL, availableParallelism()) - 1);
    this.#delayMs = options.delayMs ?? DELAY_MS;
  }

  /** Pairs ready to take now. */
  get ready(): number {
    return this.#ready.length;
  }

  /** A key pair nobody else has had, or will have. */
  take(): Promise<CryptoKeyPair> {
    if (this.#warm > 0) this.#warm--;
    const pair = this.#ready.shift();
    const taken = pair ? Promise.resolve(pair) : new Promise<CryptoKeyPair>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    // The refill starts a moment after the first take of a burst, not after the last (takes
    // that never stop, a reset per sequence, must not keep it from starting), and once started
    // it goes on until the pool is full.
    if (!this.#topUp && !this.#refilling && this.#ahead) {
      this.#topUp = setTimeout(() => {
        this.#topUp = undefined;
        this.#refill(true);
      }, this.#delayMs).unref();
    }
    this.#refill();
    return taken;
  }

  /**
   * Starts making `count` pairs now (up to the pool's size), one at a time, for takes that are
   * coming: a process about to start a cluster has them made on libuv's threads while it loads its
   * modules, instead of waiting for them after. Unlike `filled`, it does not go on to fill the pool.
   */
  warm(count: number): void {
    if (!this.#ahead) return;
    this.#warm = Math.min(this.size, Math.max(this.#warm, count));
    this.#refill();
  }

  /**
   * Makes no more pairs ahead of need: a process whose remaining takes are few (a worker handed
   * its last work) would otherwise end holding a full pool nobody takes, each pair some 150 ms
   * of CPU. The pairs ready are still handed out, and a take on an empty pool still gets one made.
   */
  noMoreAhead(): void {
    this.#ahead = false;
    this.#refilling = false;
    this.#warm = 0;
    clearTimeout(this.#topUp);
    this.#topUp = undefined;
  }

  /** Fills the pool now (if it is not full) and resolves when it is full and idle, or a generation failed. */
  filled(): Promise<void> {
    // A pool told to make nothing ahead is as full as it will be.
    if (!this.#ahead) return Promise.resolve();
    this.#refill(true);
    if (this.#idle()) return Promise.resolve();
    return new Promise((resolve) => this.#onFull.push(resolve));
  }

  #idle(): boolean {
    return this.#making === 0 && this.#waiting.length === 0 && this.#ready.length >= this.size;
  }

  /** Makes pairs for the takes waiting, and, once refilling is asked for, up to the pool's size. */
  #refill(start = false): void {
    if (start && this.#ahead) this.#refilling = true;
    const want = () => this.#waiting.length + Math.max(this.#refilling ? this.size - this.#ready.length : 0, this.#warm - this.#ready.length);
    const limit = () => (this.#waiting.length > 0 ? this.#parallel : this.#background);
    while (this.#making < limit() && this.#making < want()) {
      this.#making++;
      this.#generate().then(
        (pair) => this.#made(pair),
        (error) => this.#failed(error),
      );
    }
  }

  #made(pair: CryptoKeyPair): void {
    this.#making--;
    const waiter = this.#waiting.shift();
    if (waiter) waiter.resolve(pair);
    else this.#ready.push(pair);
    this.#refill();
    if (this.#ready.length >= this.size) this.#refilling = false;
    if (this.#idle()) this.#tellFull();
  }

  /** A failed generation fails the oldest take waiting for it; the refill does not retry on its own. */
  #failed(error: unknown): void {
    this.#making--;
    this.#waiting.shift()?.reject(error);
    if (this.#waiting.length) this.#refill();
    else this.#refilling = false;
    this.#tellFull();
  }

  #tellFull(): void {
    const full = this.#onFull;
    this.#onFull = [];
    for (const resolve of full) resolve();
  }
}

/** The process's pool: every certificate the mock makes takes its key from here. */
export const keyPool = new KeyPool();
