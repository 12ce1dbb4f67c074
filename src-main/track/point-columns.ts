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

function grow64(column: Float64Column, capacity: number): Float64Column {
  const bigger = new Float64Array(capacity);
  bigger.set(column);
  return bigger;
}

function grow32(column: Float32Column, capacity: number): Float32Column {
  const bigger = new Float32Array(capacity);
  bigger.set(column);
  return bigger;
}

export class GrowingPointColumns {
  private capacity: number;
  private size = 0;
  private latitude: Float64Column;
  private longitude: Float64Column;
  private elevationMetres: Float32Column;
  private utcMs: Float64Column;
  private heartRate: Float32Column;
  private cadence: Float32Column;
  private powerWatts: Float32Column;
  private temperatureCelsius: Float32Column;
  private deviceDistanceMetres: Float64Column;

  constructor(initialCapacity = 4096) {
    this.capacity = initialCapacity;
    this.latitude = new Float64Array(initialCapacity);
    this.longitude = new Float64Array(initialCapacity);
    this.elevationMetres = new Float32Array(initialCapacity);
    this.utcMs = new Float64Array(initialCapacity);
    this.heartRate = new Float32Array(initialCapacity);
    this.cadence = new Float32Array(initialCapacity);
    this.powerWatts = new Float32Array(initialCapacity);
    this.temperatureCelsius = new Float32Array(initialCapacity);
    this.deviceDistanceMetres = new Float64Array(initialCapacity);
  }

  get count(): number {
    return this.size;
  }

  push(point: OnePoint): void {
    if (this.size === this.capacity) this.growTo(Math.ceil(this.capacity * 1.5));
    const i = this.size;
    this.latitude[i] = point.latitude;
    this.longitude[i] = point.longitude;
    this.elevationMetres[i] = point.elevationMetres;
    this.utcMs[i] = point.utcMs;
    this.heartRate[i] = point.heartRate;
    this.cadence[i] = point.cadence;
    this.powerWatts[i] = point.powerWatts;
    this.temperatureCelsius[i] = point.temperatureCelsius;
    this.deviceDistanceMetres[i] = point.deviceDistanceMetres;
    this.size += 1;
  }

  /** The columns trimmed to the points held (views, no copy). */
  columns(): TrackPointColumns {
    const n = this.size;
    return {
      count: n,
      latitude: this.latitude.subarray(0, n),
      longitude: this.longitude.subarray(0, n),
      elevationMetres: this.elevationMetres.subarray(0, n),
      utcMs: this.utcMs.subarray(0, n),
      heartRate: this.heartRate.subarray(0, n),
      cadence: this.cadence.subarray(0, n),
      powerWatts: this.powerWatts.subarray(0, n),
      temperatureCelsius: this.temperatureCelsius.subarray(0, n),
      deviceDistanceMetres: this.deviceDistanceMetres.subarray(0, n),
    };
  }

  private growTo(capacity: number): void {
    this.capacity = capacity;
    this.latitude = grow64(this.latitude, capacity);
    this.longitude = grow64(this.longitude, capacity);
    this.elevationMetres = grow32(this.elevationMetres, capacity);
    this.utcMs = grow64(this.utcMs, capacity);
    this.heartRate = grow32(this.heartRate, capacity);
    this.cadence = grow32(this.cadence, capacity);
    this.powerWatts = grow32(this.powerWatts, capacity);
    this.temperatureCelsius = grow32(this.temperatureCelsius, capacity);
    this.deviceDistanceMetres = grow64(this.deviceDistanceMetres, capacity);
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
