import { jest } from '@jest/globals';
import { debounce } from '../../../src/daemon/debounce.js';

describe('debounce', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('a burst of events becomes one call once they pause', () => {
    const fire = jest.fn();
    const settled = debounce(fire, 250, 2000);
    for (let i = 0; i < 20; i++) {
      settled.poke();
      jest.advanceTimersByTime(10);
    }
    expect(fire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(250);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  test('an endless storm still fires at least every maxWait', () => {
    const fire = jest.fn();
    const settled = debounce(fire, 250, 2000);
    for (let i = 0; i < 500; i++) {
      settled.poke();
      jest.advanceTimersByTime(10); // 5 s of an event every 10 ms
    }
    expect(fire.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(fire.mock.calls.length).toBeLessThanOrEqual(3);
  });

  test('cancel drops what is pending', () => {
    const fire = jest.fn();
    const settled = debounce(fire, 250, 2000);
    settled.poke();
    settled.cancel();
    jest.advanceTimersByTime(5000);
    expect(fire).not.toHaveBeenCalled();
  });
});
