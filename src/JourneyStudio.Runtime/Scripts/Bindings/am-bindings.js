// The bindings AM gives a Scripted Decision script, in plain JavaScript over data the studio passes in as JSON.
// No CLR object reaches the script: Java classes (JavaImporter, org.forgerock..., javax.security.auth.callback...) are
// emulated here, and the only host functions (log, http) take and return strings. The completion value of this file is
// the function the studio calls after the script to collect what it decided.
(function (global) {
  'use strict';
  var input = JSON.parse(global.__journeyStudioInput);
  var hostLog = global.__journeyStudioLog;
  var hostHttp = global.__journeyStudioHttp;
  var hostIdentity = global.__journeyStudioIdentity;
  ['__journeyStudioInput', '__journeyStudioLog', '__journeyStudioHttp', '__journeyStudioIdentity'].forEach(function (name) {
    try { delete global[name]; } catch (e) { global[name] = undefined; }
  });

  var nextGeneration = input.version === '2.0';
  var shared = input.shared || {};
  var transient = input.transient || {};
  var result = { send: null, goTo: null, errorMessage: null, sessionProperties: {}, nodeTypes: [], identityWrites: [], header: null, description: null, stage: null };
  var built = [];

  function hidden(target, name, value) {
    Object.defineProperty(target, name, { value: value, enumerable: false, configurable: true, writable: true });
  }

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // Java's toString of values: maps as {k=v, ...}, lists as [a, b].
  function javaString(v) {
    if (v === null || v === undefined) return 'null';
    if (Array.isArray(v)) return '[' + v.map(javaString).join(', ') + ']';
    if (typeof v === 'object') {
      if (typeof v.__raw === 'function') return javaString(v.__raw());
      return '{' + Object.keys(v).map(function (k) { return k + '=' + javaString(v[k]); }).join(', ') + '}';
    }
    return String(v);
  }

  // java.util.List: a real array (so [i], .length and array methods work) with Java's methods beside.
  function javaList(values) {
    var list = Array.prototype.slice.call(values || []);
    hidden(list, 'get', function (i) { return this[i]; });
    hidden(list, 'size', function () { return this.length; });
    hidden(list, 'isEmpty', function () { return this.length === 0; });
    hidden(list, 'contains', function (v) { return this.indexOf(v) >= 0; });
    hidden(list, 'add', function (v) { this.push(v); return true; });
    hidden(list, 'toArray', function () { return Array.prototype.slice.call(this); });
    hidden(list, 'stream', function () { return Array.prototype.slice.call(this); });
    hidden(list, 'iterator', function () {
      var self = this, i = 0;
      return { hasNext: function () { return i < self.length; }, next: function () { return self[i++]; } };
    });
    hidden(list, 'toString', function () { return javaString(Array.prototype.slice.call(this)); });
    return list;
  }

  // java.util.Map over a JavaScript object (sharedState, transientState, requestHeaders…).
  function javaMap(backing, options) {
    options = options || {};
    var find = function (key) {
      if (!options.ignoreCase) return has(backing, key) ? key : null;
      var lower = String(key).toLowerCase();
      var keys = Object.keys(backing);
      for (var i = 0; i < keys.length; i++) if (keys[i].toLowerCase() === lower) return keys[i];
      return null;
    };
    var map = {
      get: function (key) { var k = find(key); return k === null ? null : (options.wrap ? options.wrap(backing[k]) : backing[k]); },
      put: function (key, value) {
        if (options.readOnly) throw new Error('This map cannot be changed.');
        var old = map.get(key); backing[String(key)] = plain(value); return old;
      },
      containsKey: function (key) { return find(key) !== null; },
      remove: function (key) { if (options.readOnly) throw new Error('This map cannot be changed.'); var k = find(key); if (k === null) return null; var old = backing[k]; delete backing[k]; return old; },
      keySet: function () { return javaList(Object.keys(backing)); },
      size: function () { return Object.keys(backing).length; },
      isEmpty: function () { return Object.keys(backing).length === 0; },
      toString: function () { return javaString(backing); },
    };
    return map;
  }

  // What a script stores must survive the step as JSON.
  function plain(value) {
    if (value === undefined) return null;
    if (value !== null && typeof value === 'object' && typeof value.__raw === 'function') return value.__raw();
    return value === null ? null : JSON.parse(JSON.stringify(value));
  }

  // org.forgerock.json.JsonValue, as the legacy nodeState.get returns it.
  function jsonValue(raw) {
    var v = {
      __raw: function () { return raw; },
      getObject: function () { return raw; },
      isNull: function () { return raw === null || raw === undefined; },
      isString: function () { return typeof raw === 'string'; },
      isNumber: function () { return typeof raw === 'number'; },
      isBoolean: function () { return typeof raw === 'boolean'; },
      isList: function () { return Array.isArray(raw); },
      isMap: function () { return raw !== null && typeof raw === 'object' && !Array.isArray(raw); },
      asString: function () { return raw === null || raw === undefined ? null : (typeof raw === 'string' ? raw : (typeof raw === 'object' ? JSON.stringify(raw) : String(raw))); },
      asInteger: function () { return raw === null || raw === undefined ? null : Math.trunc(Number(raw)); },
      asLong: function () { return raw === null || raw === undefined ? null : Math.trunc(Number(raw)); },
      asDouble: function () { return raw === null || raw === undefined ? null : Number(raw); },
      asNumber: function () { return raw === null || raw === undefined ? null : Number(raw); },
      asBoolean: function () { return raw === null || raw === undefined ? null : (typeof raw === 'string' ? raw.toLowerCase() === 'true' : Boolean(raw)); },
      asList: function () { return raw === null || raw === undefined ? null : javaList(Array.isArray(raw) ? raw : [raw]); },
      asMap: function () { return raw === null || raw === undefined ? null : javaMap(raw); },
      get: function (key) { var child = raw !== null && typeof raw === 'object' ? raw[key] : undefined; return jsonValue(child === undefined ? null : child); },
      isDefined: function (key) { return raw !== null && typeof raw === 'object' && has(raw, key); },
      keys: function () { return javaList(raw !== null && typeof raw === 'object' ? Object.keys(raw) : []); },
      size: function () { return Array.isArray(raw) ? raw.length : (raw !== null && typeof raw === 'object' ? Object.keys(raw).length : 0); },
      toString: function () { return typeof raw === 'string' ? raw : JSON.stringify(raw); },
      toJSON: function () { return raw; },
    };
    return v;
  }

  function lookup(key) {
    if (has(transient, key)) return transient[key];
    if (has(shared, key)) return shared[key];
    return undefined;
  }

  var nodeState = {
    get: function (key) {
      var raw = lookup(key);
      if (raw === undefined || raw === null) return null;
      return nextGeneration ? raw : jsonValue(raw);
    },
    getObject: function (key) { var raw = lookup(key); return raw === undefined ? null : raw; },
    isDefined: function (key) { return lookup(key) !== undefined; },
    keys: function () {
      var all = Object.keys(shared);
      Object.keys(transient).forEach(function (k) { if (all.indexOf(k) < 0) all.push(k); });
      return javaList(all);
    },
    putShared: function (key, value) { shared[String(key)] = plain(value); return nodeState; },
    putTransient: function (key, value) { transient[String(key)] = plain(value); return nodeState; },
    mergeShared: function (values) { Object.keys(values || {}).forEach(function (k) { shared[k] = plain(values[k]); }); return nodeState; },
    mergeTransient: function (values) { Object.keys(values || {}).forEach(function (k) { transient[k] = plain(values[k]); }); return nodeState; },
    remove: function (key) { delete shared[key]; delete transient[key]; return nodeState; },
  };

  // ---- Callbacks the script sends: descriptors the studio turns into AM's callback JSON.

  function callbackClass(type, make, statics) {
    var ctor = function () {
      if (!(this instanceof ctor)) throw new TypeError(type + ' must be created with new');
      var d = make.apply(null, arguments);
      d.type = type;
      hidden(this, '__callback', d);
    };
    ctor.prototype.toString = function () { return type; };
    Object.keys(statics || {}).forEach(function (k) { ctor[k] = statics[k]; });
    hidden(ctor, '__javaClass', type);
    return ctor;
  }

  function list(value) {
    if (value === null || value === undefined) return [];
    if (Array.isArray(value)) return Array.prototype.slice.call(value).map(String);
    if (typeof value.toArray === 'function') return Array.prototype.slice.call(value.toArray()).map(String);
    return [String(value)];
  }

  var MessageTypes = { INFORMATION: 0, WARNING: 1, ERROR: 2 };
  var Options = { UNSPECIFIED_OPTION: -1, YES_NO_OPTION: 0, YES_NO_CANCEL_OPTION: 1, OK_CANCEL_OPTION: 2, YES: 0, NO: 1, CANCEL: 2, OK: 3 };

  var NameCallback = callbackClass('NameCallback', function (prompt, defaultName) {
    return { prompt: String(prompt), defaultName: defaultName === undefined || defaultName === null ? '' : String(defaultName) };
  });
  var PasswordCallback = callbackClass('PasswordCallback', function (prompt, echoOn) {
    return { prompt: String(prompt), echoOn: Boolean(echoOn) };
  });
  var TextInputCallback = callbackClass('TextInputCallback', function (prompt, defaultText) {
    return { prompt: String(prompt), defaultText: defaultText === undefined || defaultText === null ? '' : String(defaultText) };
  });
  var TextOutputCallback = callbackClass('TextOutputCallback', function (messageType, message) {
    return { messageType: Number(messageType), message: String(message) };
  }, MessageTypes);
  var ScriptTextOutputCallback = callbackClass('ScriptTextOutputCallback', function (script) {
    return { message: String(script) };
  });
  var ChoiceCallback = callbackClass('ChoiceCallback', function (prompt, choices, defaultChoice, multipleSelectionsAllowed) {
    return { prompt: String(prompt), choices: list(choices), defaultChoice: Number(defaultChoice || 0), multipleSelectionsAllowed: Boolean(multipleSelectionsAllowed) };
  });
  var ConfirmationCallback = callbackClass('ConfirmationCallback', function () {
    // Java's four constructors: (messageType, options[], default), (messageType, optionType, default) and each with a prompt first.
    var args = Array.prototype.slice.call(arguments);
    var prompt = typeof args[0] === 'string' ? args.shift() : '';
    var messageType = Number(args[0]);
    var options = [], optionType = Options.UNSPECIFIED_OPTION;
    if (typeof args[1] === 'number') optionType = args[1]; else options = list(args[1]);
    return { prompt: prompt, messageType: messageType, options: options, optionType: optionType, defaultOption: Number(args[2] || 0) };
  }, Object.assign({}, MessageTypes, Options));
  var HiddenValueCallback = callbackClass('HiddenValueCallback', function (id, value) {
    return { id: String(id), value: value === undefined || value === null ? '' : String(value) };
  });
  var MetadataCallback = callbackClass('MetadataCallback', function (data) {
    return { data: plain(data) };
  });

  function descriptorOf(callback) {
    if (callback && callback.__callback) return callback.__callback;
    throw new TypeError('Action.send takes callbacks made with new NameCallback(…), new ChoiceCallback(…) and the like; found ' + javaString(callback));
  }

  function flatten(args) {
    var out = [];
    Array.prototype.slice.call(args).forEach(function (a) {
      if (Array.isArray(a) || (a && typeof a.toArray === 'function' && !a.__callback)) Array.prototype.slice.call(Array.isArray(a) ? a : a.toArray()).forEach(function (c) { out.push(descriptorOf(c)); });
      else out.push(descriptorOf(a));
    });
    return out;
  }

  // org.forgerock.openam.auth.node.api.Action: the builder legacy scripts finish with .build().
  function actionBuilder(action) {
    var builder = {
      build: function () { var built = Object.assign({}, action); hidden(built, '__action', true); return built; },
      putSessionProperty: function (k, v) { action.sessionProperties[String(k)] = String(v); return builder; },
      removeSessionProperty: function (k) { action.sessionProperties[String(k)] = null; return builder; },
      withErrorMessage: function (m) { action.errorMessage = String(m); return builder; },
      withLockoutMessage: function (m) { action.errorMessage = String(m); return builder; },
      withHeader: function (h) { action.header = String(h); return builder; },
      withDescription: function (d) { action.description = String(d); return builder; },
      withStage: function (s) { action.stage = String(s); return builder; },
      addNodeType: function (t) { action.nodeTypes.push(String(t)); return builder; },
      withIdentifiedIdentity: function () { return builder; },
      replaceSharedState: function (state) { replaceAll(shared, state); return builder; },
      replaceTransientState: function (state) { replaceAll(transient, state); return builder; },
    };
    return builder;
  }

  // In place, so that sharedState and transientState keep seeing the state they wrap.
  function replaceAll(target, state) {
    var values = plain(state && state.__raw ? state.__raw() : state) || {};
    Object.keys(target).forEach(function (k) { delete target[k]; });
    Object.keys(values).forEach(function (k) { target[k] = values[k]; });
  }

  function newAction() { return { send: null, goTo: null, errorMessage: null, sessionProperties: {}, nodeTypes: [], header: null, description: null, stage: null }; }

  var ActionClass = {
    send: function () { var a = newAction(); a.send = flatten(arguments); return actionBuilder(a); },
    goTo: function (outcome) { var a = newAction(); a.goTo = String(outcome); return actionBuilder(a); },
  };
  hidden(ActionClass, '__javaClass', 'Action');

  // ---- Java packages and JavaImporter, emulated: known classes resolve, anything else is a clear error when used.

  function httpRequestClass() {
    var Request = function () {
      if (!(this instanceof Request)) throw new TypeError('Request must be created with new');
      var req = { method: 'GET', uri: null, headers: {}, body: null };
      var headers = {
        add: function (name, value) { (req.headers[String(name)] = req.headers[String(name)] || []).push(String(value)); return headers; },
        put: function (name, value) { req.headers[String(name)] = [String(value)]; return headers; },
        get: function (name) { return req.headers[String(name)] ? req.headers[String(name)].join(',') : null; },
      };
      var entity = {
        setString: function (s) { req.body = String(s); return entity; },
        setJson: function (o) { req.body = JSON.stringify(plain(o)); if (!req.headers['Content-Type']) req.headers['Content-Type'] = ['application/json']; return entity; },
        getString: function () { return req.body; },
      };
      hidden(this, '__request', req);
      this.setUri = function (u) { req.uri = String(u); return this; };
      this.getUri = function () { return req.uri; };
      this.setMethod = function (m) { req.method = String(m).toUpperCase(); return this; };
      this.getMethod = function () { return req.method; };
      this.getHeaders = function () { return headers; };
      this.getEntity = function () { return entity; };
      this.setEntity = function (s) { req.body = typeof s === 'string' ? s : JSON.stringify(plain(s)); return this; };
    };
    hidden(Request, '__javaClass', 'Request');
    return Request;
  }

  var classes = {
    'org.forgerock.openam.auth.node.api.Action': ActionClass,
    'javax.security.auth.callback.NameCallback': NameCallback,
    'javax.security.auth.callback.PasswordCallback': PasswordCallback,
    'javax.security.auth.callback.TextInputCallback': TextInputCallback,
    'javax.security.auth.callback.TextOutputCallback': TextOutputCallback,
    'javax.security.auth.callback.ChoiceCallback': ChoiceCallback,
    'javax.security.auth.callback.ConfirmationCallback': ConfirmationCallback,
    'com.sun.identity.authentication.callbacks.ScriptTextOutputCallback': ScriptTextOutputCallback,
    'com.sun.identity.authentication.callbacks.HiddenValueCallback': HiddenValueCallback,
    'com.sun.identity.authentication.spi.MetadataCallback': MetadataCallback,
    'org.forgerock.http.protocol.Request': httpRequestClass(),
  };

  function missingClass(path) {
    var f = function () { throw new Error('The Java class ' + path + ' is not available to scripts in JourneyStudio.'); };
    hidden(f, '__javaClass', path);
    hidden(f, '__missing', true);
    return f;
  }

  // A package object: its members are sub-packages or classes, made on first access.
  function javaPackage(path) {
    var cache = {};
    return new Proxy({}, {
      get: function (target, name) {
        if (typeof name !== 'string') return undefined;
        if (name === 'toString') return function () { return '[JavaPackage ' + path + ']'; };
        var full = path + '.' + name;
        if (has(cache, name)) return cache[name];
        var value = has(classes, full) ? classes[full]
          : (/^[A-Z]/.test(name) ? missingClass(full) : javaPackage(full));
        cache[name] = value;
        return value;
      },
    });
  }

  ['org', 'javax', 'com', 'java'].forEach(function (root) { global[root] = javaPackage(root); });
  global.Packages = { org: global.org, javax: global.javax, com: global.com, java: global.java };

  global.JavaImporter = function () {
    var importer = {};
    Array.prototype.slice.call(arguments).forEach(function (cls) {
      if (cls && cls.__javaClass) {
        var simple = String(cls.__javaClass).split('.').pop();
        importer[simple] = cls;
      }
    });
    return importer;
  };

  // ---- Request data.

  function listMap(values) {
    var backing = {};
    Object.keys(values || {}).forEach(function (k) { backing[k] = javaList(values[k]); });
    var map = javaMap(backing, { ignoreCase: true, readOnly: true });
    Object.keys(backing).forEach(function (k) { hidden(map, k, backing[k]); });
    return map;
  }

  // ---- Callbacks the client sent back.

  function submitted(cb) {
    var out = cb.output || {}, ins = cb.input || [];
    var first = ins.length > 0 ? ins[0] : null;
    var indexes = function () {
      if (first === null || first === undefined || first === '') return javaList([]);
      var values = Array.isArray(first) ? first : String(first).split(',');
      return javaList(values.map(function (v) { return Number(v); }));
    };
    return {
      getType: function () { return cb.type; },
      getPrompt: function () { return has(out, 'prompt') ? out.prompt : null; },
      getName: function () { return first === null ? null : String(first); },
      getPassword: function () { return first === null ? null : String(first); },
      getText: function () { return first === null ? null : String(first); },
      getValue: function () { return first; },
      getId: function () { return has(out, 'id') ? out.id : null; },
      getMessage: function () { return has(out, 'message') ? out.message : null; },
      getMessageType: function () { return has(out, 'messageType') ? Number(out.messageType) : null; },
      getChoices: function () { return javaList(out.choices || []); },
      getDefaultChoice: function () { return has(out, 'defaultChoice') ? out.defaultChoice : null; },
      getSelectedIndexes: indexes,
      getSelectedIndex: function () { return first === null || first === '' ? null : Number(first); },
      getOptions: function () { return javaList(out.options || []); },
      toString: function () { return cb.type; },
      __data: cb,
    };
  }

  var received = (input.callbacks || []).map(submitted);

  function ofType(type) { return received.filter(function (c) { return c.getType() === type; }); }

  var legacyCallbacks = javaList(received);

  var nextGenerationCallbacks = {
    isEmpty: function () { return received.length === 0; },
    getNameCallbacks: function () { return ofType('NameCallback').map(function (c) { return c.getName(); }); },
    getPasswordCallbacks: function () { return ofType('PasswordCallback').map(function (c) { return c.getPassword(); }); },
    getTextInputCallbacks: function () { return ofType('TextInputCallback').map(function (c) { return c.getText(); }); },
    getChoiceCallbacks: function () { return ofType('ChoiceCallback').map(function (c) { return c.getSelectedIndexes().toArray(); }); },
    getConfirmationCallbacks: function () { return ofType('ConfirmationCallback').map(function (c) { return c.getSelectedIndex(); }); },
    getHiddenValueCallbacks: function () {
      var values = {};
      ofType('HiddenValueCallback').forEach(function (c) { values[c.getId()] = c.getValue(); });
      return values;
    },
    getBooleanAttributeInputCallbacks: function () { return ofType('BooleanAttributeInputCallback').map(function (c) { return c.getValue(); }); },
    getStringAttributeInputCallbacks: function () { return ofType('StringAttributeInputCallback').map(function (c) { return c.getValue(); }); },
    getNumberAttributeInputCallbacks: function () { return ofType('NumberAttributeInputCallback').map(function (c) { return c.getValue(); }); },
  };

  var callbacksBuilder = {
    nameCallback: function (prompt, defaultName) { built.push(new NameCallback(prompt, defaultName).__callback); },
    passwordCallback: function (prompt, echoOn) { built.push(new PasswordCallback(prompt, echoOn).__callback); },
    textInputCallback: function (prompt, defaultText) { built.push(new TextInputCallback(prompt, defaultText).__callback); },
    textOutputCallback: function (messageType, message) { built.push(new TextOutputCallback(messageType, message).__callback); },
    scriptTextOutputCallback: function (script) { built.push(new ScriptTextOutputCallback(script).__callback); },
    choiceCallback: function (prompt, choices, defaultChoice, multiple) { built.push(new ChoiceCallback(prompt, choices, defaultChoice, multiple).__callback); },
    confirmationCallback: function () {
      var c = Object.create(ConfirmationCallback.prototype);
      ConfirmationCallback.apply(c, arguments);
      built.push(c.__callback);
    },
    hiddenValueCallback: function (id, value) { built.push(new HiddenValueCallback(id, value).__callback); },
    metadataCallback: function (data) { built.push(new MetadataCallback(data).__callback); },
  };

  // ---- action (next generation): action.goTo(outcome) with the same chained extras as Action's builder.

  // The extras (withErrorMessage, putSessionProperty, withHeader…) may be chained after goTo or called on action itself,
  // e.g. before callbacksBuilder's callbacks are sent; they apply to the one action the script ends with.
  function currentAction() { if (!result.chosen) result.chosen = newAction(); return result.chosen; }
  var nextGenerationAction = {
    goTo: function (outcome) {
      var a = currentAction();
      a.goTo = String(outcome);
      return actionBuilder(a);
    },
  };
  ['putSessionProperty', 'removeSessionProperty', 'withErrorMessage', 'withLockoutMessage', 'withHeader', 'withDescription',
    'withStage', 'addNodeType', 'withIdentifiedIdentity'].forEach(function (name) {
    nextGenerationAction[name] = function () {
      var chain = actionBuilder(currentAction());
      chain[name].apply(chain, arguments);
      return nextGenerationAction;
    };
  });

  // ---- logger: both APIs' method names.

  function logAt(level) { return function () { hostLog(level, Array.prototype.slice.call(arguments).map(function (a) { return typeof a === 'string' ? a : javaString(a); }).join(' ')); }; }
  var logger = {
    error: logAt('error'), warning: logAt('warning'), warn: logAt('warning'), message: logAt('debug'), info: logAt('info'),
    debug: logAt('debug'), trace: logAt('trace'),
    errorEnabled: function () { return true; }, warningEnabled: function () { return true; }, messageEnabled: function () { return true; },
    isErrorEnabled: function () { return true; }, isWarnEnabled: function () { return true; }, isInfoEnabled: function () { return true; },
    isDebugEnabled: function () { return true; }, isTraceEnabled: function () { return false; },
  };

  // ---- httpClient: both APIs; the studio checks the host against its allow list and applies its timeout.

  function response(r) {
    var headers = {};
    Object.keys(r.headers || {}).forEach(function (k) { headers[k.toLowerCase()] = r.headers[k]; });
    return {
      status: r.status, ok: r.status >= 200 && r.status < 300, statusText: r.reason || '',
      headers: { get: function (name) { var v = headers[String(name).toLowerCase()]; return v === undefined ? null : v.join(','); } },
      text: function () { return r.body; },
      json: function () { return JSON.parse(r.body); },
      getStatus: function () { return { getCode: function () { return r.status; }, code: r.status, getReasonPhrase: function () { return r.reason || ''; } }; },
      getEntity: function () { return { getString: function () { return r.body; }, getJson: function () { return JSON.parse(r.body); } }; },
      getHeaders: function () { return { get: function (name) { var v = headers[String(name).toLowerCase()]; return v === undefined ? null : v.join(','); } }; },
    };
  }

  function promise(value) {
    return {
      get: function () { return value; },
      getOrThrow: function () { return value; },
      then: function (onValue) { return promise(onValue(value)); },
      thenAsync: function (onValue) { return promise(onValue(value)); },
    };
  }

  function send(request, options) {
    var req;
    if (request && request.__request) req = request.__request;
    else {
      options = options || {};
      var headers = {};
      Object.keys(options.headers || {}).forEach(function (k) { headers[k] = [String(options.headers[k])]; });
      var body = options.body === undefined || options.body === null ? null : (typeof options.body === 'string' ? options.body : JSON.stringify(plain(options.body)));
      if (options.form) {
        body = Object.keys(options.form).map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(String(options.form[k])); }).join('&');
        headers['Content-Type'] = ['application/x-www-form-urlencoded'];
      }
      req = { method: String(options.method || 'GET').toUpperCase(), uri: String(request), headers: headers, body: body };
    }
    var answer;
    // Rethrown from here so that the error's stack names the script line that sent the request.
    try { answer = hostHttp(JSON.stringify(req)); } catch (e) { throw new Error(e && e.message ? e.message : String(e)); }
    return promise(response(JSON.parse(answer)));
  }

  var httpClient = { send: send, request: function (url, options) { return send(url, options); } };

  // ---- idRepository: any identity, looked up by username on first use (the sign-on's own one comes with the input);
  // writes are applied after the script. Legacy setAttribute/addAttribute write at once, as AM's do; next-generation
  // getIdentity(...) changes are kept until store(), as AM documents.

  var identities = {};
  if (input.identity) identities[String(input.identity.username).toLowerCase()] = input.identity;
  function identityOf(username) {
    if (username === null || username === undefined) return null;
    var key = String(username).toLowerCase();
    if (!has(identities, key)) {
      var found = hostIdentity(String(username));
      identities[key] = found === null || found === undefined ? null : JSON.parse(found);
    }
    return identities[key];
  }
  function attributesOf(username) { var found = identityOf(username); return found ? found.attributes : null; }
  function changed(current, values, mode) { var v = list(values); return mode === 'add' ? (current || []).concat(v) : v; }
  function write(username, attribute, values, mode) {
    var found = identityOf(username);
    if (!found) throw new Error('idRepository: there is no identity ' + username + '.');
    var name = String(attribute);
    found.attributes[name] = changed(found.attributes[name], values, mode);
    result.identityWrites.push({ username: found.username, attribute: name, values: found.attributes[name] });
  }
  var idRepository = {
    getAttribute: function (username, attribute) {
      var a = attributesOf(username);
      return javaList(a && a[attribute] ? a[attribute] : []);
    },
    setAttribute: function (username, attribute, values) { write(username, attribute, values, 'set'); },
    addAttribute: function (username, attribute, value) { write(username, attribute, value, 'add'); },
    getIdentity: function (username) {
      var found = identityOf(username);
      if (!found) return null;
      var pending = {};
      var current = function (attribute) { return has(pending, attribute) ? pending[attribute] : (found.attributes[attribute] || []); };
      var self = {
        getName: function () { return found.username; },
        getAttributeValues: function (attribute) { return current(String(attribute)).slice(); },
        getAttribute: function (attribute) { return javaList(current(String(attribute))); },
        setAttribute: function (attribute, values) { pending[String(attribute)] = changed(current(String(attribute)), values, 'set'); return self; },
        addAttribute: function (attribute, value) { pending[String(attribute)] = changed(current(String(attribute)), value, 'add'); return self; },
        store: function () {
          Object.keys(pending).forEach(function (attribute) { write(found.username, attribute, pending[attribute], 'set'); });
          pending = {};
          return self;
        },
      };
      return self;
    },
  };

  // ---- The globals.

  global.nodeState = nodeState;
  global.logger = logger;
  global.requestHeaders = listMap(input.headers);
  global.requestParameters = listMap(input.parameters);
  global.realm = input.realm;
  global.existingSession = input.existingSession ? javaMap(input.existingSession, { readOnly: true }) : undefined;
  global.httpClient = httpClient;
  global.idRepository = idRepository;
  if (nextGeneration) {
    global.callbacks = nextGenerationCallbacks;
    global.callbacksBuilder = callbacksBuilder;
    global.action = nextGenerationAction;
  } else {
    global.sharedState = javaMap(shared);
    global.transientState = javaMap(transient);
    global.callbacks = legacyCallbacks;
  }

  // Called by the studio after the script: what it decided, as JSON.
  return function collect() {
    var chosen = null;
    if (nextGeneration) chosen = result.chosen || null;
    else if (global.action && global.action.__action) chosen = global.action;
    var outcome = global.outcome;
    return JSON.stringify({
      outcome: outcome === undefined || outcome === null ? null : String(outcome),
      action: chosen,
      built: built,
      shared: shared,
      transient: transient,
      identityWrites: result.identityWrites,
    });
  };
})(this);
