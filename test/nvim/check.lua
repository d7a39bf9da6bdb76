-- An end-to-end check of the Leverage server in Neovim 0.7+, a second LSP client with none of
-- VS Code's conveniences: no pull diagnostics (the server must push), byte columns in
-- vim.diagnostic (positions must survive the UTF-16 round trip), and plain JSON over stdio.
--
-- Run by scripts/test-nvim.mjs as:
--   nvim --headless --clean -n -u NONE -c 'luafile test/nvim/check.lua'
-- with LEVERAGE_NVIM_FILE (the draft to open), LEVERAGE_NODE and LEVERAGE_SERVER set.
-- Every step prints "PASS <step>" or "FAIL <step>: <reason>" on stdout; the runner counts them.

local RULE = 'unconditional-concession'
local WAIT_MS = 15000

local function out(line)
  io.stdout:write(line, '\n')
  io.stdout:flush()
end

local function env(name)
  local v = os.getenv(name)
  if v == nil or v == '' then error('environment variable ' .. name .. ' is not set', 0) end
  return v
end

-- The step being run, so a failure names it.
local current = '(setup)'
local function step(name, fn)
  current = name
  local result = fn()
  out('PASS ' .. name)
  return result
end

local function check(cond, message)
  if not cond then error(message, 0) end
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function find_rule(diagnostics, code)
  for _, d in ipairs(diagnostics or {}) do
    if d.code == code then return d end
  end
  return nil
end

-- vim.diagnostic holds byte columns; LSP wants UTF-16 code units. Neovim 0.7's own converter
-- copies byte columns as they are, which breaks on any non-ASCII text before a finding.
local function to_lsp_diagnostic(bufnr, d)
  local function position(lnum, col)
    local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
    local _, utf16 = vim.str_utfindex(line, math.min(col, #line))
    return { line = lnum, character = utf16 }
  end
  local lsp = vim.deepcopy((d.user_data and d.user_data.lsp) or {})
  lsp.range = { start = position(d.lnum, d.col), ['end'] = position(d.end_lnum or d.lnum, d.end_col or d.col) }
  lsp.severity = d.severity -- vim.diagnostic.severity.ERROR.. HINT are 1..4, as in LSP
  lsp.message = d.message
  lsp.source = d.source
  lsp.code = d.code
  return lsp
end

local function same_range(a, b)
  return a.start.line == b.start.line and a.start.character == b.start.character
    and a['end'].line == b['end'].line and a['end'].character == b['end'].character
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT_MS)
  check(responses ~= nil, method .. ' got no answer: ' .. tostring(err))
  for _, r in pairs(responses) do
    check(r.error == nil, method .. ' failed: ' .. vim.inspect(r.error))
    return r.result
  end
  error(method .. ' got an empty answer', 0)
end

local function hover_text(result)
  if result == nil or result == vim.NIL then return '' end
  local c = result.contents
  if type(c) == 'string' then return c end
  if c.value then return c.value end
  local parts = {}
  for _, item in ipairs(c) do parts[#parts + 1] = type(item) == 'string' and item or (item.value or '') end
  return table.concat(parts, '\n')
end

local function run()
  local file = env('LEVERAGE_NVIM_FILE')
  local node = env('LEVERAGE_NODE')
  local server = env('LEVERAGE_SERVER')

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  -- -u NONE turns filetype detection off; the filetype becomes the LSP languageId.
  vim.bo[bufnr].filetype = 'markdown'

  -- Every push is kept as sent, so the converted diagnostic can be compared with the original.
  local pushes = {}
  local exited = nil
  local client_id = step('server starts', function()
    local id = vim.lsp.start_client({
      name = 'leverage',
      cmd = { node, server, '--stdio' },
      root_dir = vim.fn.fnamemodify(file, ':h'),
      handlers = {
        ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
          if result and result.uri == vim.uri_from_bufnr(bufnr) then pushes[#pushes + 1] = result end
          return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
        end,
      },
      on_exit = function(code, signal) exited = { code = code, signal = signal } end,
    })
    check(id ~= nil, 'vim.lsp.start_client returned nil')
    check(vim.lsp.buf_attach_client(bufnr, id), 'vim.lsp.buf_attach_client failed')
    local ok = vim.wait(WAIT_MS, function()
      local c = vim.lsp.get_client_by_id(id)
      return exited ~= nil or (c ~= nil and c.initialized == true)
    end, 20)
    check(exited == nil, 'the server exited during start-up: ' .. vim.inspect(exited))
    check(ok, 'the server did not finish initialize within ' .. WAIT_MS .. ' ms')
    return id
  end)

  local diagnostic = step('server pushes a ' .. RULE .. ' diagnostic', function()
    local ok = vim.wait(WAIT_MS, function()
      return exited ~= nil or find_rule(vim.diagnostic.get(bufnr), RULE) ~= nil
    end, 20)
    check(exited == nil, 'the server exited: ' .. vim.inspect(exited))
    check(ok, 'no ' .. RULE .. ' diagnostic after ' .. WAIT_MS .. ' ms; got: '
      .. vim.inspect(vim.tbl_map(function(d) return d.code end, vim.diagnostic.get(bufnr))))
    return find_rule(vim.diagnostic.get(bufnr), RULE)
  end)

  local lsp_diagnostic = step('diagnostic converts back to the pushed UTF-16 range', function()
    local converted = to_lsp_diagnostic(bufnr, diagnostic)
    local pushed = find_rule(pushes[#pushes].diagnostics, RULE)
    check(pushed ~= nil, 'the last push has no ' .. RULE)
    check(same_range(converted.range, pushed.range), 'converted ' .. vim.inspect(converted.range)
      .. ' but the server sent ' .. vim.inspect(pushed.range))
    local line = vim.api.nvim_buf_get_lines(bufnr, diagnostic.lnum, diagnostic.lnum + 1, false)[1]
    local flagged = line:sub(diagnostic.col + 1, diagnostic.end_col)
    out('  flagged: "' .. flagged .. '"')
    -- A server counting bytes or code points instead of UTF-16 units lands mid-word after the
    -- emoji and the curly apostrophe earlier on the line.
    check(flagged:find('agree', 1, true) ~= nil, 'the range does not cover "agree"')
    local before, after = line:sub(diagnostic.col, diagnostic.col), line:sub(diagnostic.end_col + 1, diagnostic.end_col + 1)
    check(not before:match('%w') and not after:match('%w'), 'the range does not start and end on word boundaries')
    return converted
  end)

  step('hover on the finding returns content', function()
    local result = request(bufnr, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = lsp_diagnostic.range.start,
    })
    local text = hover_text(result)
    check(#vim.trim(text) > 0, 'empty hover: ' .. vim.inspect(result))
    out('  hover: ' .. (vim.split(vim.trim(text), '\n')[1]))
  end)

  local action = step('preferred quick fix is offered', function()
    local actions = request(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = lsp_diagnostic.range,
      context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } },
    })
    check(type(actions) == 'table' and #actions > 0, 'no code actions: ' .. vim.inspect(actions))
    local chosen
    for _, a in ipairs(actions) do
      if a.isPreferred and (a.kind == nil or vim.startswith(a.kind, 'quickfix')) then chosen = a break end
    end
    check(chosen ~= nil, 'no preferred quickfix among: '
      .. vim.inspect(vim.tbl_map(function(a) return a.title end, actions)))
    if chosen.edit == nil and chosen.data ~= nil then
      chosen = request(bufnr, 'codeAction/resolve', chosen)
    end
    check(chosen.edit ~= nil, 'the preferred quickfix carries no edit: ' .. vim.inspect(chosen))
    out('  fix: ' .. chosen.title)
    return chosen
  end)

  step('applying the fix rewrites the text', function()
    local before = buffer_text(bufnr)
    vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
    local after = buffer_text(bufnr)
    check(after ~= before, 'the buffer did not change')
    check(after:find(' if ', 1, true) ~= nil or after:find('provided that', 1, true) ~= nil,
      'no condition in the rewritten text: ' .. after)
    local line = vim.api.nvim_buf_get_lines(bufnr, diagnostic.lnum, diagnostic.lnum + 1, false)[1]
    out('  now: ' .. line)
  end)

  step('the finding disappears after the server re-pushes', function()
    local seen = #pushes
    local version = vim.lsp.util.buf_versions[bufnr]
    local ok = vim.wait(WAIT_MS, function()
      if exited ~= nil or #pushes <= seen then return exited ~= nil end
      local last = pushes[#pushes]
      -- A push for an older version says nothing about the edited text.
      if last.version ~= nil and last.version ~= vim.NIL and last.version < version then return false end
      return find_rule(last.diagnostics, RULE) == nil
    end, 20)
    check(exited == nil, 'the server exited: ' .. vim.inspect(exited))
    check(ok, RULE .. ' is still reported after the fix (pushes seen: ' .. (#pushes - seen) .. ')')
  end)

  step('server shuts down cleanly', function()
    vim.lsp.stop_client(client_id)
    local ok = vim.wait(5000, function() return exited ~= nil end, 20)
    check(ok, 'the server did not exit within 5 s of shutdown')
    check(exited.code == 0, 'the server exited with code ' .. tostring(exited.code))
  end)
end

local ok, err = pcall(run)
if ok then
  vim.cmd('qall!')
else
  out('FAIL ' .. current .. ': ' .. tostring(err))
  vim.cmd('cquit 1')
end
