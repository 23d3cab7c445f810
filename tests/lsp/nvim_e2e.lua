-- nvim_e2e.lua — run by nvim_e2e.sh in headless Neovim: set up
-- editors/nvim/loopcheck.lua, open each file of $LOOPCHECK_FILES (one a
-- line), wait until the server published diagnostics for all of them, and
-- write what Neovim holds for each buffer to $LOOPCHECK_OUT as JSON:
-- { [file] = { {line, column (1-based bytes), rule, message, source, related}... } }.
local env = vim.env
package.path = env.LOOPCHECK_NVIM_DIR .. '/?.lua;' .. package.path
vim.o.hidden = true

local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = true
  return publish(err, result, ctx, config)
end

vim.cmd('filetype on')
require('loopcheck').setup {
  cmd = { env.LOOPCHECK_LSP },
  root = env.LOOPCHECK_BUILD,
  init_options = { compileCommandsDir = env.LOOPCHECK_BUILD },
}

local files = vim.split(env.LOOPCHECK_FILES, '\n', { trimempty = true })
local buffers = {}
for _, file in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  buffers[file] = vim.api.nvim_get_current_buf()
end

local all_published = vim.wait(tonumber(env.LOOPCHECK_WAIT_MS or '120000'), function()
  for _, file in ipairs(files) do
    if not published[vim.uri_from_fname(file)] then
      return false
    end
  end
  return true
end, 20)

local out = {}
for _, file in ipairs(files) do
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buffers[file])) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, {
      line = d.lnum + 1,
      column = d.col + 1,
      rule = d.code or lsp.code,
      message = d.message,
      source = d.source,
      related = #(lsp.relatedInformation or {}),
    })
  end
  out[file] = list
end
local handle = io.open(env.LOOPCHECK_OUT, 'w')
handle:write(vim.fn.json_encode(out))
handle:close()
vim.cmd(all_published and 'qa!' or 'cquit 3')
