// video.js without its HLS/DASH engine (VHS): the library plays whole files, so this build is
// enough at about a third of the size. It is the same API, typed by the full package's types.
declare module 'video.js/dist/alt/video.core.js' {
  import videojs from 'video.js';
  export default videojs;
}
