import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@nut-ts/testkit';
import { startFixture, type Fixture } from '@nut-ts/upsd/testing';
import { MarkerReader } from './marker-reader.js';
import { Recorder } from './recorder.js';
import { Timeline } from './timeline.js';

let fixture: Fixture | undefined;
let recorder: Recorder | undefined;
afterEach(async () => {
  await recorder?.stop();
  await fixture?.close();
  recorder = undefined;
  fixture = undefined;
});

describe('the site recorder', () => {
  it('records a status change the moment upsd pushes it, not at its next poll', async () => {
    fixture = await startFixture();
    const timeline = new Timeline();
    const markers = new MarkerReader(join(fixture.dir, 'no-events.log'), timeline);
    // A poll interval far longer than the test: only a push can bring the change in time.
    recorder = new Recorder(
      { port: fixture.port, ups: 'ups', intervalMs: 600_000 },
      timeline,
      markers,
    );
    recorder.start();
    await recorder.pollOnce();
    expect(timeline.filter('status').map((e) => e.detail)).toEqual(['ups.status OL']);
    // The recorder's polling session and its push link.
    await waitFor(() => fixture!.upsd.clientCount === 2, { what: 'the push link' });
    const changedAt = Date.now();
    fixture.driver.store.setInfo('ups.status', 'OB LB');
    await waitFor(() => timeline.filter('status').length === 2, { what: 'the pushed status' });
    const [, pushed] = timeline.filter('status');
    expect(pushed!.detail).toBe('ups.status OB LB');
    expect(pushed!.at).toBeGreaterThanOrEqual(changedAt);
  });
});
