import { describe, expect, it } from 'vitest';
import { ScenarioClock } from './clock';
import { FakeTime } from './testing';

describe('ScenarioClock on a fake time source', () => {
	it('stands still until started, then runs at its speed', () => {
		const time = new FakeTime(1_000_000);
		const clock = new ScenarioClock(time, 10);
		time.ms += 5000;
		expect(clock.sec()).toBe(0);
		clock.start();
		time.ms += 3000;
		expect(clock.sec()).toBe(30);
	});

	it('pauses and resumes where it stopped', () => {
		const time = new FakeTime();
		const clock = new ScenarioClock(time, 1);
		clock.start();
		time.ms += 4000;
		clock.pause();
		time.ms += 60_000;
		expect(clock.sec()).toBe(4);
		clock.start();
		time.ms += 1000;
		expect(clock.sec()).toBe(5);
	});

	it('changes speed without a jump in scenario time', () => {
		const time = new FakeTime();
		const clock = new ScenarioClock(time, 1);
		clock.start();
		time.ms += 10_000;
		clock.setSpeed(60);
		expect(clock.sec()).toBe(10);
		time.ms += 2000;
		expect(clock.sec()).toBe(130);
	});

	it('jumps, and resets to zero and stopped', () => {
		const time = new FakeTime();
		const clock = new ScenarioClock(time, 2);
		clock.start();
		clock.jump(3600);
		time.ms += 1000;
		expect(clock.sec()).toBe(3602);
		clock.reset();
		time.ms += 1000;
		expect([clock.sec(), clock.running]).toEqual([0, false]);
	});

	it('places a moment passed since the last change at its wall time, never in the future', () => {
		const time = new FakeTime(0);
		const clock = new ScenarioClock(time, 60);
		clock.start();
		time.ms += 10_000; // 600 scenario seconds
		expect(clock.wallAt(300)).toBe(5000);
		expect(clock.wallAt(900)).toBe(10_000);
		clock.jump(5000);
		expect(clock.wallAt(700)).toBe(10_000);
	});
});
