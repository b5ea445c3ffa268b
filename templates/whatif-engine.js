/* SPDX-License-Identifier: MIT */
/* The engine of the what-if page: mlroi's library compiled to WebAssembly (src/wasm/
 * page_engine.c), started from the bytes the page carries, with the few system calls its C
 * library imports answered here. It reads no file and makes no request: a call the module
 * could make to open a file is refused. */
'use strict';

var MlroiEngine = (function () {
  var ENOSYS = 52, EBADF = 8;

  /* Base64 text to bytes: the browser's own decoder where it has one, else four characters
   * at a time through a table (atob and a loop over the string it gives took three to four
   * times as long for the module). Whitespace is skipped, as atob does. */
  var TABLE = null;
  function decodeBase64(text) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text.trim());
    if (!TABLE) {
      TABLE = new Int16Array(128).fill(-1);
      var digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      for (var d = 0; d < 64; d++) TABLE[digits.charCodeAt(d)] = d;
    }
    var n = text.length, out = new Uint8Array((n >> 2) * 3 + 3), o = 0, acc = 0, k = 0;
    for (var i = 0; i < n; i++) {
      var c = text.charCodeAt(i), v = c < 128 ? TABLE[c] : -1;
      if (v < 0) {
        if (c === 61) break;   /* '=': the end */
        continue;              /* whitespace */
      }
      acc = acc << 6 | v;
      if (++k === 4) {
        out[o++] = acc >> 16;
        out[o++] = acc >> 8 & 255;
        out[o++] = acc & 255;
        acc = 0;
        k = 0;
      }
    }
    if (k === 2) out[o++] = acc >> 4;
    else if (k === 3) { out[o++] = acc >> 10; out[o++] = acc >> 2 & 255; }
    return out.subarray(0, o);
  }

  /* The WASI calls wasi-libc imports: output is dropped (the engine never prints), files do
   * not exist, the clock is the page's. */
  function wasiImports(state) {
    function view() { return new DataView(state.memory.buffer); }
    return {
      fd_write: function (fd, iovs, count, written) {
        var dv = view(), n = 0;
        for (var i = 0; i < count; i++) n += dv.getUint32(iovs + 8 * i + 4, true);
        dv.setUint32(written, n, true);
        return 0;
      },
      fd_read: function () { return EBADF; },
      fd_close: function () { return 0; },
      fd_seek: function () { return ENOSYS; },
      fd_fdstat_get: function (fd, out) {
        if (fd > 2) return EBADF;
        var dv = view();
        dv.setUint8(out, 2);             /* a character device */
        dv.setUint16(out + 2, 0, true);
        dv.setBigUint64(out + 8, 0n, true);
        dv.setBigUint64(out + 16, 0n, true);
        return 0;
      },
      fd_fdstat_set_flags: function () { return ENOSYS; },
      fd_filestat_get: function () { return ENOSYS; },
      fd_prestat_get: function () { return EBADF; },   /* no folder is open to the module */
      fd_prestat_dir_name: function () { return EBADF; },
      path_filestat_get: function () { return ENOSYS; },
      path_open: function () { return ENOSYS; },
      proc_exit: function (code) { throw new Error('the engine stopped (exit ' + code + ')'); },
      clock_time_get: function (id, precision, out) {
        view().setBigUint64(out, BigInt(Math.round(Date.now() * 1e6)), true);
        return 0;
      },
      environ_sizes_get: function (count, size) {
        var dv = view();
        dv.setUint32(count, 0, true);
        dv.setUint32(size, 0, true);
        return 0;
      },
      environ_get: function () { return 0; },
      args_sizes_get: function (count, size) {
        var dv = view();
        dv.setUint32(count, 0, true);
        dv.setUint32(size, 0, true);
        return 0;
      },
      args_get: function () { return 0; },
      random_get: function () { return ENOSYS; }
    };
  }

  /* The compiled module, from its bytes (a Uint8Array) or its base64 text: a promise. The
   * browser compiles it off the page's thread, so the page starts this first and reads its
   * data meanwhile. */
  function compile(bytes) {
    if (typeof bytes === 'string') bytes = decodeBase64(bytes);
    /* The page carries the module gzip-compressed (its first bytes 1f 8b): the browser's own
     * decompressor opens it, then the browser compiles it. */
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      if (typeof DecompressionStream !== 'function') {
        return Promise.reject(new Error('this browser cannot open the page\'s engine (it has no ' +
          'DecompressionStream): open the page in a current browser'));
      }
      var plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(plain).arrayBuffer().then(function (buf) {
        return WebAssembly.compile(buf);
      });
    }
    return WebAssembly.compile(bytes);
  }

  /* An engine started from the module: a WebAssembly.Module, a promise of one (compile's), or
   * the module's bytes or base64 text. */
  function start(what) {
    var state = { memory: null };
    var wasi = wasiImports(state);
    var compiled = what instanceof WebAssembly.Module ? Promise.resolve(what)
      : typeof what.then === 'function' ? what : compile(what);
    return compiled.then(function (module) {
      var imports = { wasi_snapshot_preview1: {} };
      WebAssembly.Module.imports(module).forEach(function (imp) {
        if (imp.kind !== 'function') return;
        imports[imp.module] = imports[imp.module] || {};
        imports[imp.module][imp.name] = wasi[imp.name] ||
          function () { return ENOSYS; };
      });
      return WebAssembly.instantiate(module, imports);
    }).then(function (instance) {
      state.memory = instance.exports.memory;
      instance.exports._initialize();
      return new Engine(instance.exports, state);
    });
  }

  function Engine(x, state) {
    this.x = x;
    this.state = state;
    this.encoder = new TextEncoder();
    this.decoder = new TextDecoder();
  }

  /* TEXT (a string, or its bytes) NUL-terminated in the module's memory; the caller frees it. */
  Engine.prototype.cstring = function (text) {
    var bytes = typeof text === 'string' ? this.encoder.encode(text) : text;
    var p = this.x.mlroi_page_alloc(bytes.length + 1);
    var mem = new Uint8Array(this.state.memory.buffer, p, bytes.length + 1);
    mem.set(bytes);
    mem[bytes.length] = 0;
    return { ptr: p, len: bytes.length };
  };

  Engine.prototype.output = function () {
    var p = this.x.mlroi_page_output(), n = this.x.mlroi_page_output_len();
    return this.decoder.decode(new Uint8Array(this.state.memory.buffer, p, n));
  };

  /* Each call gives { rc, text }: rc 0 and the engine's JSON text, or its error code and
   * {"errors": [...]}. */
  Engine.prototype.result = function (rc) {
    return { rc: rc, text: this.output() };
  };

  /* The scenario file's bytes (a Uint8Array; a string is taken as UTF-8) under NAME. */
  Engine.prototype.load = function (name, scenarioText) {
    var n = this.cstring(name), t = this.cstring(scenarioText);
    var rc = this.x.mlroi_page_load(n.ptr, t.ptr, t.len);
    this.x.mlroi_page_free(n.ptr);
    this.x.mlroi_page_free(t.ptr);
    return this.result(rc);
  };

  /* OVERRIDES: [[path, value], ...], as --set PATH=VALUE. */
  Engine.prototype.set = function (overrides) {
    var lines = overrides.map(function (o) { return o[0] + '=' + o[1] + '\n'; }).join('');
    var s = this.cstring(lines);
    var rc = this.x.mlroi_page_set(s.ptr);
    this.x.mlroi_page_free(s.ptr);
    return this.result(rc);
  };

  Engine.prototype.evaluate = function () { return this.result(this.x.mlroi_page_evaluate()); };
  Engine.prototype.tornado = function () { return this.result(this.x.mlroi_page_tornado()); };
  Engine.prototype.inputs = function () { return this.result(this.x.mlroi_page_inputs()); };
  Engine.prototype.montecarlo = function (samples) {
    return this.result(this.x.mlroi_page_montecarlo(samples || 0));
  };
  /* What drives the risk: { sensitivity, value_of_information } as montecarlo --sensitivity. */
  Engine.prototype.drivers = function (samples) {
    return this.result(this.x.mlroi_page_drivers(samples || 0));
  };

  return { start: start, compile: compile, decodeBase64: decodeBase64 };
})();
