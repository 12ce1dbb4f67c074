/**
 * The experiment's source of chance: a random seed stored with the protocol, and two
 * cryptographic generators keyed by it (Node's crypto, OpenSSL underneath).
 *
 * - `drawUniformInt(seed, label, n)`: one uniform integer in [0, n) from HMAC-SHA256(seed, label)
 *   (RFC 2104), by rejection so every value is exactly equally likely. The experiment's own
 *   assignments are drawn this way, each from its own label ("day-block:3"), so the same seed
 *   re-draws the same assignment exactly, and no assignment depends on when it was first shown.
 * - `KeystreamUniforms`: a long stream of uniform integers from the ChaCha20 keystream
 *   (RFC 8439) under the key HMAC-SHA256(seed, label). The randomisation test re-draws the
 *   assignments thousands of times from it; seeded, so the p-value is reproducible.
 *
 * Seeds are 32 random bytes written as 64 lowercase hexadecimal characters.
 */
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';

const SEED_PATTERN = /^[0-9a-f]{64}$/;

/** A fresh seed: 32 bytes from the operating system's cryptographic generator, as hex. */
export function newExperimentSeed(): string {
  return randomBytes(32).toString('hex');
}

/** Throws a RangeError unless `seed` is 64 lowercase hexadecimal characters. */
export function checkSeed(seed: string): void {
  if (!SEED_PATTERN.test(seed)) throw new RangeError('An experiment seed is 64 hexadecimal characters (32 bytes)');
}

function keyFor(seed: string, label: string): Buffer {
  checkSeed(seed);
  return createHmac('sha256', Buffer.from(seed, 'hex')).update(label, 'utf8').digest();
}

/** Largest multiple of n that is ≤ 2³²: values at or above it are rejected so none is favoured. */
function rejectionLimit(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 31) throw new RangeError(`Cannot draw among ${n} values`);
  return Math.floor(2 ** 32 / n) * n;
}

/**
 * A uniform integer in [0, n) determined by the seed and the label alone. Reads successive 32-bit
 * words of HMAC-SHA256(seed, label), then of HMAC-SHA256(seed, label + "#k") for k = 1, 2, … if
 * all eight words of a digest were rejected (probability below 10⁻⁶⁰ for n ≤ 6).
 */
export function drawUniformInt(seed: string, label: string, n: number): number {
  const limit = rejectionLimit(n);
  for (let round = 0; ; round++) {
    const digest = keyFor(seed, round === 0 ? label : `${label}#${round}`);
    for (let offset = 0; offset < 32; offset += 4) {
      const word = digest.readUInt32BE(offset);
      if (word < limit) return word % n;
    }
  }
}

const CHUNK_BYTES = 16_384;

/** Uniform integers from the ChaCha20 keystream keyed by HMAC-SHA256(seed, label). */
export class KeystreamUniforms {
  private readonly cipher;
  private readonly zeros = Buffer.alloc(CHUNK_BYTES);
  private words: Uint32Array = new Uint32Array(0);
  private position = 0;

  constructor(seed: string, label: string) {
    // Node's 'chacha20' takes a 16-byte IV: a 4-byte block counter then the 12-byte nonce; both 0.
    this.cipher = createCipheriv('chacha20', keyFor(seed, label), Buffer.alloc(16));
  }

  /** The next 32-bit word of the keystream. */
  nextWord(): number {
    if (this.position >= this.words.length) {
      const bytes = this.cipher.update(this.zeros);
      // Copied so the words are aligned whatever offset Node's buffer pool gave the bytes.
      this.words = new Uint32Array(new Uint8Array(bytes).buffer, 0, bytes.byteLength >>> 2);
      this.position = 0;
    }
    return this.words[this.position++]!;
  }

  /** A uniform integer in [0, n), by rejection (exactly uniform). */
  nextInt(n: number): number {
    const limit = rejectionLimit(n);
    for (;;) {
      const word = this.nextWord();
      if (word < limit) return word % n;
    }
  }
}
