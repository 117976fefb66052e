// vitest bench suite for the vitest reader's fixtures; SLOW=1 makes "sum" do
// twice the work (the real slowdown that compare must flag).
import { bench, describe } from 'vitest'

const slow = process.env.SLOW === '1'
const data = Float64Array.from({ length: 4096 }, (_, i) => i)

describe('arrays', () => {
  bench('sum', () => {
    let s = 0
    for (let r = 0; r < (slow ? 2 : 1); r++) for (let i = 0; i < data.length; i++) s += data[i]
    return s
  })
  bench('join', () => {
    Array.prototype.join.call(data.subarray(0, 256), ',')
  })
})
