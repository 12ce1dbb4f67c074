import { benchBeforePain } from '/work/r21bp/bench/before-pain.bench';
benchBeforePain({ loadProcesses: Number(process.argv[2] ?? 1), samples: Number(process.argv[3] ?? 5) }).then((r) => console.log(JSON.stringify(r)));
