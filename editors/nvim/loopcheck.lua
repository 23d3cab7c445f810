-- loopcheck.lua — loopcheck-lsp in Neovim's built-in LSP client.
--
--   require('loopcheck').setup {
--     cmd = { 'loopcheck-lsp' },                    -- the server (default)
--     root = nil,                                   -- a directory, or a function(bufnr) returning one;
--                                                   -- default: the nearest parent holding
--                                                   -- compile_commands.json, build/, or .git
--     init_options = { compileCommandsDir = 'build' },  -- optional
--     filetypes = { 'c' },                          -- default
--     on_attach = function(client, bufnr) end,      -- optional
--   }
--
-- Uses vim.lsp.start (Neovim 0.8 and later) when it exists, else
-- vim.lsp.start_client and vim.lsp.buf_attach_client (Neovim 0.7): one
-- server per root directory either way.
local M = {}

local defaults = {
  cmd = { 'loopcheck-lsp' },
  root = nil,
  init_options = nil,
  filetypes = { 'c' },
  on_attach = nil,
}

local root_markers = { 'compile_commands.json', 'build/compile_commands.json', '.git' }

-- Started clients by root directory (Neovim 0.7 only).
local clients_by_root = {}

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

-- The nearest directory, from the buffer's own upwards, holding a marker.
local function find_root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.loop.cwd()
  while dir do
    for _, marker in ipairs(root_markers) do
      if exists(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return vim.loop.cwd()
end

local function resolve_root(config, bufnr)
  if type(config.root) == 'function' then
    return config.root(bufnr)
  end
  return config.root or find_root(bufnr)
end

-- Start (or reuse) the server for the buffer's root and attach the buffer.
function M.attach(bufnr, config)
  local root = resolve_root(config, bufnr)
  local client_config = {
    name = 'loopcheck',
    cmd = config.cmd,
    root_dir = root,
    init_options = config.init_options,
    on_attach = config.on_attach,
  }
  if vim.lsp.start then
    return vim.lsp.start(client_config, { bufnr = bufnr })
  end
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(client_config)
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

function M.setup(opts)
  local config = vim.tbl_extend('force', defaults, opts or {})
  local group = vim.api.nvim_create_augroup('loopcheck', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.attach(args.buf, config)
    end,
  })
end

return M
