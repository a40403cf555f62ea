// @sakyum, schoolsite (project) index.js file
function test(){
  alert('I am sakyum test alert for (schoolsite) index page')
}
