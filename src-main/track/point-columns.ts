/**
 * Recorded points held column by column in typed arrays that grow as the file is read,
 * so a file with hundreds of thousands of points costs ~56 bytes a point, not an object each.
 * "Not recorded" is NaN in every float column.
 */

export interface TrackPointColumns {
  readonly count: number;
  readonly latitude: Float64Array;
  readonly longitude: Float64Array;
  /** Metres above sea level as written in the file; NaN when absent or unreadable. */
  readonly elevationMetres: Float32Array;
  /** UTC milliseconds; NaN when the point has no usable time. */
  readonly utcMs: Float64Array;
  /** Beats per minute; NaN when not recorded. */
  readonly heartRate: Float32Array;
  /**
   * Steps per minute, both feet (a runner's usual ~170); NaN when not recorded. Readers convert:
   * FIT and Garmin's GPX/TCX extensions store strides per minute of one foot, so they double it.
   */
  readonly cadence: Float32Array;
  /** Watts; NaN when not recorded. */
  readonly powerWatts: Float32Array;
  /** Degrees Celsius measured by the device; NaN when not recorded. */
  readonly temperatureCelsius: Float32Array;
  /**
   * The device's own running distance at this point, metres from the start of its recording
   * (FIT `distance`, TCX `DistanceMeters`); NaN when not recorded (always, for GPX). Kept so a
   * run without GPS (treadmill) can still have its distance; GPS distance is measured in track/.
   */
  readonly deviceDistanceMetres: Float64Array;
}

export interface OnePoint {
  latitude: number;
  longitude: number;
  elevationMetres: number;
  utcMs: number;
  heartRate: number;
  cadence: number;
  powerWatts: number;
  temperatureCelsius: number;
  deviceDistanceMetres: number;
}

type Float64Column = Float64Array<ArrayBuffer>;
type Float32Column = Float32Array<ArrayBuffer>;

/** One block of points, column by column, `capacity` points long. */
class PointBlock {
  readonly latitude: Float64Column;
  readonly longitude: Float64Column;
  readonly elevationMetres: Float32Column;
  readonly utcMs: Float64Column;
  readonly heartRate: Float32Column;
  readonly cadence: Float32Column;
  readonly powerWatts: Float32Column;
  readonly temperatureCelsius: Float32Column;
  readonly deviceDistanceMetres: Float64Column;

  constructor(readonly capacity: number) {
    this.latitude = new Float64Array(capacity);
    this.longitude = new Float64Array(capacity);
    this.elevationMetres = new Float32Array(capacity);
    this.utcMs = new Float64Array(capacity);
    this.heartRate = new Float32Array(capacity);
    this.cadence = new Float32Array(capacity);
    this.powerWatts = new Float32Array(capacity);
    this.temperatureCelsius = new Float32Array(capacity);
    this.deviceDistanceMetres = new Float64Array(capacity);
  }

  /** Copies this block's first `count` points into `into` from point `at`. */
  copyInto(into: PointBlock, at: number, count: number): void {
    into.latitude.set(this.latitude.subarray(0, count), at);
    into.longitude.set(this.longitude.subarray(0, count), at);
    into.elevationMetres.set(this.elevationMetres.subarray(0, count), at);
    into.utcMs.set(this.utcMs.subarray(0, count), at);
    into.heartRate.set(this.heartRate.subarray(0, count), at);
    into.cadence.set(this.cadence.subarray(0, count), at);
    into.powerWatts.set(this.powerWatts.subarray(0, count), at);
    into.temperatureCelsius.set(this.temperatureCelsius.subarray(0, count), at);
    into.deviceDistanceMetres.set(this.deviceDistanceMetres.subarray(0, count), at);
  }
}

/** Points per block once the first block is full (~3.6 MB of columns). */
const LATER_BLOCK_POINTS = 65_536;

/**
 * Points pushed one at a time. They fill a block; a full block is kept as it is and a new one
 * started, so growing never copies (a 100 MB GPX file has ~320,000 points: growing one array by
 * half each time copied and zeroed its columns about three times over). `columns()` joins the
 * blocks once, into arrays exactly the points' length.
 */
export class GrowingPointColumns {
  private readonly full: PointBlock[] = [];
  private fullPoints = 0;
  private current: PointBlock;
  private inCurrent = 0;

  constructor(initialCapacity = 4096) {
    this.current = new PointBlock(Math.max(1, initialCapacity));
  }

  get count(): number {
    return this.fullPoints + this.inCurrent;
  }

  push(point: OnePoint): void {
    if (this.inCurrent === this.current.capacity) {
      this.full.push(this.current);
      this.fullPoints += this.inCurrent;
      this.current = new PointBlock(Math.max(this.current.capacity, LATER_BLOCK_POINTS));
      this.inCurrent = 0;
    }
    const block = this.current;
    const i = this.inCurrent;
    block.latitude[i] = point.latitude;
    block.longitude[i] = point.longitude;
    block.elevationMetres[i] = point.elevationMetres;
    block.utcMs[i] = point.utcMs;
    block.heartRate[i] = point.heartRate;
    block.cadence[i] = point.cadence;
    block.powerWatts[i] = point.powerWatts;
    block.temperatureCelsius[i] = point.temperatureCelsius;
    block.deviceDistanceMetres[i] = point.deviceDistanceMetres;
    this.inCurrent += 1;
  }

  /** The columns trimmed to the points held (views of one block; blocks are joined first when there are several). */
  columns(): TrackPointColumns {
    if (this.full.length > 0) {
      const joined = new PointBlock(this.count);
      let at = 0;
      for (const block of this.full) {
        block.copyInto(joined, at, block.capacity);
        at += block.capacity;
      }
      this.current.copyInto(joined, at, this.inCurrent);
      this.full.length = 0;
      this.fullPoints = 0;
      this.current = joined;
      this.inCurrent = joined.capacity;
    }
    const block = this.current;
    const n = this.inCurrent;
    return {
      count: n,
      latitude: block.latitude.subarray(0, n),
      longitude: block.longitude.subarray(0, n),
      elevationMetres: block.elevationMetres.subarray(0, n),
      utcMs: block.utcMs.subarray(0, n),
      heartRate: block.heartRate.subarray(0, n),
      cadence: block.cadence.subarray(0, n),
      powerWatts: block.powerWatts.subarray(0, n),
      temperatureCelsius: block.temperatureCelsius.subarray(0, n),
      deviceDistanceMetres: block.deviceDistanceMetres.subarray(0, n),
    };
  }
}

/** A growing list of point indices (segment starts and the like). */
export class GrowingIndexList {
  private values = new Uint32Array(64);
  private size = 0;

  get count(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.values.length) {
      const bigger = new Uint32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.size] = value;
    this.size += 1;
  }

  last(): number | undefined {
    return this.size === 0 ? undefined : this.values[this.size - 1];
  }

  toArray(): Uint32Array {
    return this.values.slice(0, this.size);
  }
}
