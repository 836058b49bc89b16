// Entry of a scan worker thread (bundled as dist/scan-worker.js): the detectors, off the daemon's event loop.
import { scan } from '../detect';
import { serveScans } from './scan-serve';

serveScans(scan);
