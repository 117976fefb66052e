// benchmark.js suite for the benchmarkjs reader's fixtures; SLOW=1 makes "sum"
// do twice the work (the real slowdown that compare must flag).
const Benchmark = require('benchmark');
Benchmark.options.minSamples = 40;
const slow = process.env.SLOW === '1';
const data = Float64Array.from({ length: 4096 }, (_, i) => i);
const rounds = slow ? 2 : 1;
new Benchmark.Suite()
  .add('sum', () => {
    let s = 0;
    for (let r = 0; r < rounds; r++) for (let i = 0; i < data.length; i++) s += data[i];
    return s;
  })
  .add('join', () => Array.prototype.join.call(data.subarray(0, 256), ','))
  .on('cycle', (event) => console.log(String(event.target)))
  .on('complete', function () { console.log('Fastest is ' + this.filter('fastest').map('name')); })
  .run();
