import { describe, expect, it } from 'vitest';
import { parseHash } from '../../renderer/src/lib/route';
import { normalizeRect, toCaptureRegion } from '../../renderer/src/lib/region';

describe('overlay routes the desktop shell opens', () => {
  it('parses the HUD, countdown, region and camera-preview routes', () => {
    expect(parseHash('#/hud')).toEqual({ name: 'hud' });
    expect(parseHash('#/countdown')).toEqual({ name: 'countdown', seconds: 3 });
    expect(parseHash('#/countdown?from=5')).toEqual({ name: 'countdown', seconds: 5 });
    expect(parseHash('#/countdown?from=999')).toEqual({ name: 'countdown', seconds: 3 });
    expect(parseHash('#/region')).toEqual({ name: 'region' });
    expect(parseHash('#/camera-preview')).toEqual({ name: 'camera-preview' });
  });
});

describe('region selection', () => {
  it('normalizes a drag in any direction', () => {
    expect(normalizeRect({ x: 300, y: 200 }, { x: 100, y: 50 })).toEqual({ x: 100, y: 50, width: 200, height: 150 });
  });
  it('turns a drag into an even-sized screen region offset by the window position', () => {
    expect(toCaptureRegion({ x: 10.4, y: 20, width: 301, height: 199 }, { x: 1920, y: 0 })).toEqual({ x: 1930, y: 20, width: 300, height: 198 });
  });
  it('refuses a region under 16 pixels', () => {
    expect(toCaptureRegion({ x: 0, y: 0, width: 15, height: 400 }, { x: 0, y: 0 })).toBeNull();
  });
});
